import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedUsers } from './db/seed';
import { buildSubgraph } from './server';

export function startUsersService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    { name: 'users', schema, migrationsFolder: subgraphMigrationsDir(__dirname), seed: seedUsers, build: (db, { production }) => buildSubgraph({ db, production }) },
    options,
  );
}
