import type { OrdersDb } from '../db/database';
import { findHistoryByOrderIds } from '../db/queries/order-history';
import type { OrderRow } from '../db/schema';
import type { CheckoutResult } from './checkout-result';

/** What a checkout answers for an order that already exists (a retry, or a request that lost a race). */
export async function resultForOrder(db: OrdersDb, order: OrderRow): Promise<CheckoutResult> {
  if (order.status !== 'PAYMENT_FAILED') return { __typename: 'OrderPlaced', order };
  const history = await findHistoryByOrderIds(db, [order.id]);
  return { __typename: 'PaymentFailed', order, reason: history.at(-1)?.reason ?? 'payment failed' };
}
