import type { RequestScoped } from '@shopgraph/server';
import type { ContextRequest, SubscriptionScope } from '@shopgraph/subscriptions';
import type { InventoryDb } from './db/database';
import type { InventoryCaches } from './entity-caches';
import { createInventoryLoaders, type InventoryLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: InventoryDb;
  loaders: InventoryLoaders;
  caches: InventoryCaches;
  /** Set for a subscription over graphql-ws: where its resolvers read their events. */
  subscriptions?: SubscriptionScope;
}

export function createContext(db: InventoryDb, caches: InventoryCaches, request: ContextRequest): SubgraphContext {
  return {
    requestId: request.requestId,
    logger: request.logger,
    viewer: request.viewer,
    db,
    caches,
    loaders: createInventoryLoaders(db, caches),
    subscriptions: request.subscriptions,
  };
}
