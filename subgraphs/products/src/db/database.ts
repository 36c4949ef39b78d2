import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type ProductsDatabase = ServiceDatabase<typeof schema>;
export type ProductsDb = ProductsDatabase['db'];
export type ProductsTx = Parameters<Parameters<ProductsDb['transaction']>[0]>[0];
