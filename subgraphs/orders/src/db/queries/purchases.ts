import { and, eq, sql } from 'drizzle-orm';
import type { OrdersDb } from '../database';
import { orderItems, orders } from '../schema';

export interface Purchase {
  userId: string;
  productId: string;
}

/** Which of these (user, product) pairs have a DELIVERED order with that product, in one statement. */
export function findDeliveredPurchases(db: OrdersDb, pairs: readonly Purchase[]): Promise<Purchase[]> {
  const userIds = sql.join(
    pairs.map((pair) => sql`${pair.userId}::uuid`),
    sql`, `,
  );
  const productIds = sql.join(
    pairs.map((pair) => sql`${pair.productId}::uuid`),
    sql`, `,
  );
  return db
    .selectDistinct({ userId: orders.userId, productId: orderItems.productId })
    .from(orders)
    .innerJoin(orderItems, eq(orderItems.orderId, orders.id))
    .where(
      and(eq(orders.status, 'DELIVERED'), sql`(${orders.userId}, ${orderItems.productId}) in (select * from unnest(array[${userIds}], array[${productIds}]))`),
    );
}
