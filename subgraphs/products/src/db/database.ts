import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type ProductsDatabase = ServiceDatabase<typeof schema>;
export type ProductsDb = ProductsDatabase['db'];
