import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { OrdersDb, OrdersTx } from '../database';
import { orderItems, orders, type OrderRow } from '../schema';

export type NewOrder = Required<
  Pick<typeof orders.$inferInsert, 'id' | 'userId' | 'totalCents' | 'currency' | 'idempotencyKey' | 'checkoutHash' | 'shippingAddress' | 'contactEmail'>
>;
export type NewOrderItem = Omit<typeof orderItems.$inferInsert, 'orderId' | 'position'>;

/** Inserts a PENDING order and its items; undefined when an order with this id exists (a racing retry won). */
export async function insertPendingOrder(tx: OrdersTx, order: NewOrder, items: readonly NewOrderItem[]): Promise<OrderRow | undefined> {
  const [row] = await tx
    .insert(orders)
    .values({ ...order, status: 'PENDING' })
    .onConflictDoNothing()
    .returning();
  if (!row) return undefined;
  await tx.insert(orderItems).values(items.map((item, position) => ({ ...item, orderId: order.id, position })));
  return row;
}

export async function findOrderByIdempotencyKey(db: OrdersDb, userId: string, key: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
  return row;
}

/**
 * Locks the order for a status change. `no key update`, so rows that reference it (payment
 * attempts, history) can still be inserted meanwhile by other connections.
 */
export async function lockOrder(tx: OrdersTx, id: string): Promise<OrderRow | undefined> {
  const [row] = await tx.select().from(orders).where(eq(orders.id, id)).for('no key update');
  return row;
}

export type OrderPatch = Partial<
  Pick<OrderRow, 'status' | 'statusSequence' | 'paidCents' | 'refundedCents' | 'carrier' | 'trackingNumber' | 'paymentLeaseUntil'>
>;

export async function updateOrder(tx: OrdersTx | OrdersDb, id: string, patch: OrderPatch): Promise<OrderRow> {
  const [row] = await tx.update(orders).set(patch).where(eq(orders.id, id)).returning();
  return row!;
}

/**
 * Takes the right to pay (or cancel) a PENDING order for `seconds`: one request at a time, and a
 * request that died leaves a lease that simply runs out. Undefined when someone else holds it or
 * the order is no longer PENDING.
 */
export async function claimPaymentLease(db: OrdersDb, id: string, seconds: number): Promise<OrderRow | undefined> {
  const [row] = await db
    .update(orders)
    .set({ paymentLeaseUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(and(eq(orders.id, id), eq(orders.status, 'PENDING'), or(isNull(orders.paymentLeaseUntil), lt(orders.paymentLeaseUntil, sql`now()`))))
    .returning();
  return row;
}

/**
 * PENDING orders nobody is paying: their lease ran out, or they never got one (the request died
 * between inserting the order and paying it) and are older than a lease. Oldest first.
 */
export function findStuckPendingOrders(db: OrdersDb, leaseSeconds: number, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.status, 'PENDING'), sql`coalesce(${orders.paymentLeaseUntil}, ${orders.createdAt} + make_interval(secs => ${leaseSeconds})) < now()`))
    .orderBy(asc(orders.createdAt))
    .limit(limit);
}
