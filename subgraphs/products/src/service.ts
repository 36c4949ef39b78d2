import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedProducts } from './db/seed';
import { buildSubgraph } from './server';

export function startProductsService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'products',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      seed: seedProducts,
      build: (db, { production, shared, logger }) => buildSubgraph({ db, production, cache: shared.cache, events: shared.events, logger }),
    },
    options,
  );
}
