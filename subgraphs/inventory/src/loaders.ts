import { createCachedEntityLoader, createGroupLoader } from '@shopgraph/loaders';
import { findReservationItems } from './db/queries/reservations';
import type { InventoryDb } from './db/database';
import type { InventoryCaches } from './entity-caches';
import { findStockByProductIds } from './db/queries/stock';

/** Per-request loaders: stock for a batch of products is one statement. */
export function createInventoryLoaders(db: InventoryDb, caches: InventoryCaches) {
  return {
    reservationItemsByOrderId: createGroupLoader(
      (ids: readonly string[]) => findReservationItems(db, ids),
      (row) => row.orderId,
    ),
    stockByProductId: createCachedEntityLoader(
      caches.stockByProductId,
      (ids) => findStockByProductIds(db, ids),
      (row) => row.productId,
    ),
  };
}

export type InventoryLoaders = ReturnType<typeof createInventoryLoaders>;
