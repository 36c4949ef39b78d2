import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type OrdersDatabase = ServiceDatabase<typeof schema>;
export type OrdersDb = OrdersDatabase['db'];
export type OrdersTx = Parameters<Parameters<OrdersDb['transaction']>[0]>[0];
