import type { RequestScoped } from '@shopgraph/server';
import type { ContextRequest, SubscriptionScope } from '@shopgraph/subscriptions';
import type { Commerce } from './commerce';
import type { OrdersDb } from './db/database';
import { createOrdersLoaders, type OrdersLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: OrdersDb;
  loaders: OrdersLoaders;
  commerce: Commerce;
  production: boolean;
  /** Set for a subscription over graphql-ws: where its resolvers read their events. */
  subscriptions?: SubscriptionScope;
}

export function createContext(commerce: Commerce, production: boolean, request: ContextRequest): SubgraphContext {
  return {
    requestId: request.requestId,
    logger: request.logger,
    viewer: request.viewer,
    db: commerce.db,
    commerce,
    production,
    loaders: createOrdersLoaders(commerce.db),
    subscriptions: request.subscriptions,
  };
}
