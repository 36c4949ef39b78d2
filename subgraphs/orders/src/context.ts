import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { Commerce } from './commerce';
import type { OrdersDb } from './db/database';
import { createOrdersLoaders, type OrdersLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: OrdersDb;
  loaders: OrdersLoaders;
  commerce: Commerce;
  production: boolean;
}

export function createContext(commerce: Commerce, production: boolean, request: RequestInfo): SubgraphContext {
  return {
    requestId: request.requestId,
    logger: request.logger,
    viewer: request.viewer,
    db: commerce.db,
    commerce,
    production,
    loaders: createOrdersLoaders(commerce.db),
  };
}
