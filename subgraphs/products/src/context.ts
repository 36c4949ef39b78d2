import type { RequestInfo, RequestScoped } from '@shopgraph/server';
import type { ProductsDb } from './db/database';
import type { ProductsCaches } from './entity-caches';
import { createProductsLoaders, type ProductsLoaders } from './loaders';
import type { ProductSearch } from './search/product-search';

export interface SubgraphContext extends RequestScoped {
  db: ProductsDb;
  loaders: ProductsLoaders;
  caches: ProductsCaches;
  search: ProductSearch;
}

export function createContext(db: ProductsDb, caches: ProductsCaches, search: ProductSearch, request: RequestInfo): SubgraphContext {
  return { requestId: request.requestId, logger: request.logger, viewer: request.viewer, db, caches, search, loaders: createProductsLoaders(db, caches) };
}
