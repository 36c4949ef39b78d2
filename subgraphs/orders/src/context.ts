import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { OrdersDb } from './db/database';
import { createOrdersLoaders, type OrdersLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: OrdersDb;
  loaders: OrdersLoaders;
}

export function createContext(db: OrdersDb, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, loaders: createOrdersLoaders(db) };
}
