import { startSubgraph, subgraphMigrationsDir, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedOrders } from './db/seed';
import { parseOrdersEnv } from './env';
import { buildSubgraph } from './server';

export function startOrdersService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  const settings = parseOrdersEnv();
  return startSubgraph(
    {
      name: 'orders',
      schema,
      migrationsFolder: subgraphMigrationsDir(__dirname),
      seed: seedOrders,
      relaysOutbox: true,
      build: (db, { production, shared, logger, gatewaySecret, peerUrls }) =>
        buildSubgraph({ db, production, shared, logger, gatewaySecret, peerUrls: peerUrls ?? (() => ({})), settings }),
    },
    options,
  );
}
