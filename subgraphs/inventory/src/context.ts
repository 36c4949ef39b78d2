import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { InventoryDb } from './db/database';
import { createInventoryLoaders, type InventoryLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: InventoryDb;
  loaders: InventoryLoaders;
}

export function createContext(db: InventoryDb, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, loaders: createInventoryLoaders(db) };
}
