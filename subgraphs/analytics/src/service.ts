import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedDemoFacts } from './demo/seed-demo-facts';
import { buildSubgraph } from './server';

export function startAnalyticsService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'analytics',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      // The facts of the demo history the other subgraphs seed (without events) into their databases.
      seed: async (db) => void (await seedDemoFacts(db)),
      build: (db, { production, shared, logger, gatewaySecret, peerUrls }) =>
        buildSubgraph({ db, production, events: shared.events, logger, products: { secret: gatewaySecret, urls: peerUrls ?? (() => ({})) } }),
    },
    options,
  );
}
