import { join } from 'node:path';
import { startSubgraph, type RunningService, type SubgraphRuntimeOptions } from '@shopgraph/server';
import { schema } from './db/database';
import { seedOrders } from './db/seed';
import { buildSubgraph } from './server';

export function startOrdersService(options: SubgraphRuntimeOptions): Promise<RunningService> {
  return startSubgraph(
    {
      name: 'orders',
      schema,
      migrationsFolder: join(__dirname, '..', 'drizzle'),
      seed: seedOrders,
      relaysOutbox: true,
      build: (db, { production, shared, logger, gatewaySecret, peerUrls }) => buildSubgraph({ db, production, shared, logger, gatewaySecret, peerUrls: peerUrls ?? (() => ({})) }),
    },
    options,
  );
}
