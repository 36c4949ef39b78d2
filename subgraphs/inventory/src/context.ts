import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { InventoryDb } from './db/database';
import type { InventoryCaches } from './entity-caches';
import { createInventoryLoaders, type InventoryLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: InventoryDb;
  loaders: InventoryLoaders;
  caches: InventoryCaches;
}

export function createContext(db: InventoryDb, caches: InventoryCaches, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, caches, loaders: createInventoryLoaders(db, caches) };
}
