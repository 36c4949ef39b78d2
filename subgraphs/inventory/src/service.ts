import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedInventory } from './db/seed';
import { buildSubgraph } from './server';

export function startInventoryService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'inventory',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      seed: seedInventory,
      relaysOutbox: true,
      build: (db, { production, shared, logger }) => buildSubgraph({ db, production, cache: shared.cache, events: shared.events, logger }),
    },
    options,
  );
}
