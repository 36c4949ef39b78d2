import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { sealSigningKeysWithCurrentKek } from './auth/sealed-signing-keys';
import { schema } from './db/database';
import { seedUsers } from './db/seed';
import { parseUsersEnv } from './env';
import { buildSubgraph } from './server';

export function startUsersService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  const { keyEncryptionKeys, notifications } = parseUsersEnv();
  return startSubgraph(
    {
      name: 'users',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      seed: seedUsers,
      prepare: (db) => sealSigningKeysWithCurrentKek(db, keyEncryptionKeys),
      build: (db, { production, logger }) => buildSubgraph({ db, production, keyEncryptionKeys, logger, notifications }),
    },
    options,
  );
}
