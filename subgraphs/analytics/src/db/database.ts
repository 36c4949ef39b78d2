import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type AnalyticsDatabase = ServiceDatabase<typeof schema>;
export type AnalyticsDb = AnalyticsDatabase['db'];
export type AnalyticsTx = Parameters<Parameters<AnalyticsDb['transaction']>[0]>[0];
