import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type UsersDatabase = ServiceDatabase<typeof schema>;
export type UsersDb = UsersDatabase['db'];
/** A transaction, or the pool itself: what query functions that may run inside one accept. */
export type UsersTx = Parameters<Parameters<UsersDb['transaction']>[0]>[0];
export type UsersExecutor = UsersDb | UsersTx;
