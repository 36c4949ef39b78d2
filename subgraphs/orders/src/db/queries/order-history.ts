import { asc, inArray } from 'drizzle-orm';
import type { OrdersDb, OrdersTx } from '../database';
import { orderStatusHistory, type OrderStatus, type OrderStatusChangeRow } from '../schema';

export async function insertStatusChange(
  tx: OrdersTx,
  change: { orderId: string; sequence: number; fromStatus: OrderStatus | null; toStatus: OrderStatus; actor: string; reason: string | null; at: Date },
): Promise<void> {
  await tx.insert(orderStatusHistory).values(change);
}

export function findHistoryByOrderIds(db: OrdersDb, orderIds: readonly string[]): Promise<OrderStatusChangeRow[]> {
  return db
    .select()
    .from(orderStatusHistory)
    .where(inArray(orderStatusHistory.orderId, [...orderIds]))
    .orderBy(asc(orderStatusHistory.orderId), asc(orderStatusHistory.sequence));
}
