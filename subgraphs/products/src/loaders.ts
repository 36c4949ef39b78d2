import { createCachedEntityLoader, createGroupLoader, DataLoader } from '@shopgraph/loaders';
import type { ProductsCaches } from './entity-caches';
import type { ProductsDb } from './db/database';
import { findCategoriesByIds, findCategoriesByParentIds, findCategoryPaths } from './db/queries/categories';
import { findProductsByIds, findProductsBySkus } from './db/queries/products';

/** Per-request loaders: every entity read and relation in this subgraph is one batched statement. */
export function createProductsLoaders(db: ProductsDb, caches: ProductsCaches) {
  return {
    productById: createCachedEntityLoader(
      caches.productById,
      (ids) => findProductsByIds(db, ids),
      (row) => row.id,
    ),
    productBySku: createCachedEntityLoader(
      caches.productBySku,
      (skus) => findProductsBySkus(db, skus),
      (row) => row.sku,
    ),
    categoryById: createCachedEntityLoader(
      caches.categoryById,
      (ids) => findCategoriesByIds(db, ids),
      (row) => row.id,
    ),
    categoriesByParentId: createGroupLoader(
      (ids: readonly string[]) => findCategoriesByParentIds(db, ids),
      (row) => row.parentId ?? '',
    ),
    categoryPathById: new DataLoader(async (ids: readonly string[]) => {
      const paths = await findCategoryPaths(db, ids);
      return ids.map((id) => paths.get(id) ?? []);
    }),
  };
}

export type ProductsLoaders = ReturnType<typeof createProductsLoaders>;
