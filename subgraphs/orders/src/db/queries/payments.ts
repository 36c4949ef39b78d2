import { and, asc, eq, inArray } from 'drizzle-orm';
import type { OrdersDb } from '../database';
import { payments, type PaymentOperation, type PaymentRow } from '../schema';

export type NewPaymentAttempt = Omit<typeof payments.$inferInsert, 'id' | 'createdAt'>;

/**
 * Records one call to the provider, whatever it answered. A success for a key that already
 * succeeded on record is that same success (the provider answers a repeated key with its first
 * answer) and adds no row.
 */
export async function recordPaymentAttempt(db: OrdersDb, attempt: NewPaymentAttempt): Promise<void> {
  await db.insert(payments).values(attempt).onConflictDoNothing();
}

export function findPaymentsByOrderIds(db: OrdersDb, orderIds: readonly string[]): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [...orderIds]))
    .orderBy(asc(payments.orderId), asc(payments.id));
}

/** The order's first successful call of one operation, if any: an authorization's provider reference is what capture, void and refund name. */
export async function findSucceededPayment(db: OrdersDb, orderId: string, operation: PaymentOperation): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.operation, operation), eq(payments.outcome, 'SUCCEEDED')))
    .orderBy(asc(payments.id))
    .limit(1);
  return row;
}

export const findSuccessfulAuthorization = (db: OrdersDb, orderId: string) => findSucceededPayment(db, orderId, 'AUTHORIZE');
