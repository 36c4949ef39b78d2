import { createEntityLoader, createGroupLoader, DataLoader, loaderSettings } from '@shopgraph/loaders';
import type { OrdersDb } from './db/database';
import { findHistoryByOrderIds } from './db/queries/order-history';
import { findItemsByOrderIds } from './db/queries/order-items';
import { findPaymentsByOrderIds } from './db/queries/payments';
import { findFirstOrdersPerUser, findOrdersByIds } from './db/queries/orders';
import { findDeliveredPurchases, type Purchase } from './db/queries/purchases';
import type { OrderRow } from './db/schema';

const purchaseKey = (purchase: Purchase) => `${purchase.userId}:${purchase.productId}`;

/** Per-request loaders: each batch of orders, users or purchases is one statement. */
export function createOrdersLoaders(db: OrdersDb) {
  // One loader per page size: a batch shares the same `first`.
  const firstOrders = new Map<number, DataLoader<string, OrderRow[]>>();
  return {
    orderById: createEntityLoader(
      (ids: readonly string[]) => findOrdersByIds(db, ids),
      (row) => row.id,
    ),
    itemsByOrderId: createGroupLoader(
      (ids: readonly string[]) => findItemsByOrderIds(db, ids),
      (row) => row.orderId,
    ),
    historyByOrderId: createGroupLoader(
      (ids: readonly string[]) => findHistoryByOrderIds(db, ids),
      (row) => row.orderId,
    ),
    paymentsByOrderId: createGroupLoader(
      (ids: readonly string[]) => findPaymentsByOrderIds(db, ids),
      (row) => row.orderId,
    ),
    /** Whether the user received the product (a DELIVERED order with it): reviews' verifiedPurchase. */
    deliveredPurchase: new DataLoader<Purchase, boolean, string>(
      async (pairs) => {
        const delivered = new Set((await findDeliveredPurchases(db, pairs)).map(purchaseKey));
        return pairs.map((pair) => delivered.has(purchaseKey(pair)));
      },
      { cacheKeyFn: purchaseKey, batch: loaderSettings.batching },
    ),
    firstOrdersByUserId(first: number): DataLoader<string, OrderRow[]> {
      let loader = firstOrders.get(first);
      if (!loader) {
        loader = createGroupLoader(
          (ids: readonly string[]) => findFirstOrdersPerUser(db, ids, first),
          (row) => row.userId,
        );
        firstOrders.set(first, loader);
      }
      return loader;
    },
  };
}

export type OrdersLoaders = ReturnType<typeof createOrdersLoaders>;
