import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { ProductsDb } from './db/database';
import { createProductsLoaders, type ProductsLoaders } from './loaders';

export interface SubgraphContext extends RequestScoped {
  db: ProductsDb;
  loaders: ProductsLoaders;
}

export function createContext(db: ProductsDb, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, loaders: createProductsLoaders(db) };
}
