import { createEntityLoader, createGroupLoader, type DataLoader } from '@shopgraph/loaders';
import type { OrdersDb } from './db/database';
import { findItemsByOrderIds } from './db/queries/order-items';
import { findFirstOrdersPerUser, findOrdersByIds } from './db/queries/orders';
import type { OrderRow } from './db/schema';

/** Per-request loaders: each batch of orders or users is one statement. */
export function createOrdersLoaders(db: OrdersDb) {
  // One loader per page size: a batch shares the same `first`.
  const firstOrders = new Map<number, DataLoader<string, OrderRow[]>>();
  return {
    orderById: createEntityLoader((ids: readonly string[]) => findOrdersByIds(db, ids), (row) => row.id),
    itemsByOrderId: createGroupLoader((ids: readonly string[]) => findItemsByOrderIds(db, ids), (row) => row.orderId),
    firstOrdersByUserId(first: number): DataLoader<string, OrderRow[]> {
      let loader = firstOrders.get(first);
      if (!loader) {
        loader = createGroupLoader((ids: readonly string[]) => findFirstOrdersPerUser(db, ids, first), (row) => row.userId);
        firstOrders.set(first, loader);
      }
      return loader;
    },
  };
}

export type OrdersLoaders = ReturnType<typeof createOrdersLoaders>;
