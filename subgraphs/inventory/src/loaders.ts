import { createCachedEntityLoader } from '@shopgraph/loaders';
import type { InventoryDb } from './db/database';
import type { InventoryCaches } from './entity-caches';
import { findStockByProductIds } from './db/queries/stock';

/** Per-request loaders: stock for a batch of products is one statement. */
export function createInventoryLoaders(db: InventoryDb, caches: InventoryCaches) {
  return {
    stockByProductId: createCachedEntityLoader(caches.stockByProductId, (ids) => findStockByProductIds(db, ids), (row) => row.productId),
  };
}

export type InventoryLoaders = ReturnType<typeof createInventoryLoaders>;
