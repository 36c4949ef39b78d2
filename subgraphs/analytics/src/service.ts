import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { buildSubgraph } from './server';

export function startAnalyticsService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'analytics',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      // No demo data of its own: its facts come from the other subgraphs' events.
      seed: async () => {},
      build: (db, { production, shared, logger, gatewaySecret, peerUrls }) =>
        buildSubgraph({ db, production, events: shared.events, logger, products: { secret: gatewaySecret, urls: peerUrls ?? (() => ({})) } }),
    },
    options,
  );
}
