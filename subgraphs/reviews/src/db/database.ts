import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type ReviewsDatabase = ServiceDatabase<typeof schema>;
export type ReviewsDb = ReviewsDatabase['db'];
export type ReviewsTx = Parameters<Parameters<ReviewsDb['transaction']>[0]>[0];
