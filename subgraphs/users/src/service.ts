import { join } from 'node:path';
import { startSubgraph, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedUsers } from './db/seed';
import { buildSubgraph } from './server';

export function startUsersService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    { name: 'users', schema, migrationsFolder: join(__dirname, '..', 'drizzle'), seed: seedUsers, build: (db, { production }) => buildSubgraph({ db, production }) },
    options,
  );
}
