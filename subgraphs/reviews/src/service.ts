import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedReviews } from './db/seed';
import { buildSubgraph } from './server';

export function startReviewsService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'reviews',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      seed: seedReviews,
      relaysOutbox: true,
      build: (db, { production, shared, logger }) => buildSubgraph({ db, production, cache: shared.cache, events: shared.events, logger }),
    },
    options,
  );
}
