import type { Commerce } from '../commerce';
import { findOrdersByIds } from '../db/queries/orders';
import { claimPaymentLease } from '../db/queries/order-writes';
import type { OrderRow } from '../db/schema';
import { changeOrderStatus } from '../lifecycle/change-status';
import { SYSTEM_ACTOR } from '../lifecycle/transitions';
import { confirmOrderStock, releaseOrderStock } from '../peers/inventory';
import { PeerRequestError } from '../peers/peer-client';
import { resultForOrder } from './result-for-order';
import type { CheckoutResult } from './checkout-result';

/** Longer than a payment with all its retries takes; a request that died mid-payment is resumed by a retry after it. */
export const PAYMENT_LEASE_SECONDS = 30;

/** Provider keys per order and operation: whoever retries, the provider sees the same key and answers the same. */
export const paymentKey = (orderId: string, operation: string) => `${orderId}:${operation}`;

async function failPayment(commerce: Commerce, order: OrderRow, reason: string, authorization?: string): Promise<CheckoutResult> {
  if (authorization) {
    await commerce.payments.call({ orderId: order.id, operation: 'VOID', amountCents: order.totalCents, idempotencyKey: paymentKey(order.id, 'void') }, () =>
      commerce.payments.provider.void({ idempotencyKey: paymentKey(order.id, 'void'), authorization }),
    );
  }
  await releaseOrderStock(commerce.peers, order.id);
  const failed = await changeOrderStatus(commerce.db, order.id, { to: 'PAYMENT_FAILED', actor: SYSTEM_ACTOR, reason, repeatable: true });
  return { __typename: 'PaymentFailed', order: failed, reason };
}

/**
 * Pays a PENDING order: authorize, take the held stock, capture, PAID, clear the cart. A failure
 * at any step voids what was authorized, gives the stock back and ends PAYMENT_FAILED. Only the
 * holder of the payment lease runs this; anyone else gets the order as it stands.
 */
export async function payOrder(commerce: Commerce, order: OrderRow, cardNumber: string): Promise<CheckoutResult> {
  const leased = await claimPaymentLease(commerce.db, order.id, PAYMENT_LEASE_SECONDS);
  if (!leased) return resultForOrder(commerce.db, (await findOrdersByIds(commerce.db, [order.id]))[0]!);
  const { payments } = commerce;
  const amountCents = order.totalCents;
  const authorized = await payments.call(
    { orderId: order.id, operation: 'AUTHORIZE', amountCents, idempotencyKey: paymentKey(order.id, 'authorize'), cardLast4: cardNumber.slice(-4) },
    () => payments.provider.authorize({ idempotencyKey: paymentKey(order.id, 'authorize'), amountCents, currency: order.currency, cardNumber }),
  );
  if (!authorized.ok) return failPayment(commerce, order, `payment ${authorized.outcome.toLowerCase()}: ${authorized.message}`);
  try {
    await confirmOrderStock(commerce.peers, order.id);
  } catch (error) {
    if (error instanceof PeerRequestError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
      return failPayment(commerce, order, 'the stock hold ran out before payment', authorized.reference);
    }
    throw error;
  }
  const captured = await payments.call({ orderId: order.id, operation: 'CAPTURE', amountCents, idempotencyKey: paymentKey(order.id, 'capture') }, () =>
    payments.provider.capture({ idempotencyKey: paymentKey(order.id, 'capture'), authorization: authorized.reference, amountCents }),
  );
  if (!captured.ok) return failPayment(commerce, order, `capture ${captured.outcome.toLowerCase()}: ${captured.message}`, authorized.reference);
  const paid = await changeOrderStatus(commerce.db, order.id, { to: 'PAID', actor: SYSTEM_ACTOR, reason: 'payment captured', patch: { paidCents: amountCents }, repeatable: true });
  await commerce.carts.clear(order.userId);
  return { __typename: 'OrderPlaced', order: paid };
}
