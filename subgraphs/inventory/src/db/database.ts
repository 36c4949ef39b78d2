import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type InventoryDatabase = ServiceDatabase<typeof schema>;
export type InventoryDb = InventoryDatabase['db'];
export type InventoryTx = Parameters<Parameters<InventoryDb['transaction']>[0]>[0];
