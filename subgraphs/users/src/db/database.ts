import type { ServiceDatabase } from '@shopgraph/db';
import * as schema from './schema';

export { schema };
export type UsersDatabase = ServiceDatabase<typeof schema>;
export type UsersDb = UsersDatabase['db'];
