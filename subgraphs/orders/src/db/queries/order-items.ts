import { asc, inArray } from 'drizzle-orm';
import type { OrdersDb } from '../database';
import { orderItems, type OrderItemRow } from '../schema';

export function findItemsByOrderIds(db: OrdersDb, orderIds: readonly string[]): Promise<OrderItemRow[]> {
  return db
    .select()
    .from(orderItems)
    .where(inArray(orderItems.orderId, [...orderIds]))
    .orderBy(asc(orderItems.orderId), asc(orderItems.position));
}
