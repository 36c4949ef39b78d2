import { createEntityLoader, createGroupLoader, DataLoader } from '@shopgraph/loaders';
import type { ProductsDb } from './db/database';
import { findCategoriesByIds, findCategoriesByParentIds, findCategoryPaths } from './db/queries/categories';
import { findProductsByIds, findProductsBySkus } from './db/queries/products';

/** Per-request loaders: every entity read and relation in this subgraph is one batched statement. */
export function createProductsLoaders(db: ProductsDb) {
  return {
    productById: createEntityLoader((ids: readonly string[]) => findProductsByIds(db, ids), (row) => row.id),
    productBySku: createEntityLoader((skus: readonly string[]) => findProductsBySkus(db, skus), (row) => row.sku),
    categoryById: createEntityLoader((ids: readonly string[]) => findCategoriesByIds(db, ids), (row) => row.id),
    categoriesByParentId: createGroupLoader((ids: readonly string[]) => findCategoriesByParentIds(db, ids), (row) => row.parentId ?? ''),
    categoryPathById: new DataLoader(async (ids: readonly string[]) => {
      const paths = await findCategoryPaths(db, ids);
      return ids.map((id) => paths.get(id) ?? []);
    }),
  };
}

export type ProductsLoaders = ReturnType<typeof createProductsLoaders>;
