import { createEntityLoader } from '@shopgraph/loaders';
import type { InventoryDb } from './db/database';
import { findStockByProductIds } from './db/queries/stock';

/** Per-request loaders: stock for a batch of products is one statement. */
export function createInventoryLoaders(db: InventoryDb) {
  return {
    stockByProductId: createEntityLoader((ids: readonly string[]) => findStockByProductIds(db, ids), (row) => row.productId),
  };
}

export type InventoryLoaders = ReturnType<typeof createInventoryLoaders>;
