import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { ProductsDb } from './db/database';
import type { ProductsCaches } from './entity-caches';
import { createProductsLoaders, type ProductsLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: ProductsDb;
  loaders: ProductsLoaders;
  caches: ProductsCaches;
}

export function createContext(db: ProductsDb, caches: ProductsCaches, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, caches, loaders: createProductsLoaders(db, caches) };
}
