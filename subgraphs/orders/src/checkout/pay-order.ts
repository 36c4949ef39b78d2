import type { Commerce } from '../commerce';
import { findOrdersByIds } from '../db/queries/orders';
import { claimPaymentLease } from '../db/queries/order-writes';
import { findSucceededPayment } from '../db/queries/payments';
import type { OrderRow } from '../db/schema';
import { changeOrderStatus } from '../lifecycle/change-status';
import { succeededReference } from '../payments/succeeded-reference';
import { SYSTEM_ACTOR } from '../lifecycle/transitions';
import { confirmOrderStock, releaseOrderStock } from '../peers/inventory';
import { PeerRequestError } from '../peers/peer-client';
import { resultForOrder } from './result-for-order';
import type { CheckoutResult, PaymentFailedResult } from './checkout-result';

/** Calls to take the held stock before giving up on an inventory that does not answer (or answers 5xx). */
const CONFIRM_ATTEMPTS = 3;
const CONFIRM_BACKOFF_MS = 200;

/** Provider keys per order and operation: whoever retries, the provider sees the same key and answers the same. */
export const paymentKey = (orderId: string, operation: string) => `${orderId}:${operation}`;

/**
 * Voids what was authorized, gives the stock back and ends the order PAYMENT_FAILED, in that order:
 * when a step throws the order stays PENDING and the reconciler runs the rest (every step is idempotent).
 */
export async function failPayment(commerce: Commerce, order: OrderRow, reason: string, authorization?: string): Promise<PaymentFailedResult> {
  // A void already on record is not sent again (by a reconciler finishing a failure that stopped later on).
  if (authorization && !(await findSucceededPayment(commerce.db, order.id, 'VOID'))) {
    const voided = await commerce.payments.call(
      { orderId: order.id, operation: 'VOID', amountCents: order.totalCents, idempotencyKey: paymentKey(order.id, 'void') },
      () => commerce.payments.provider.void({ idempotencyKey: paymentKey(order.id, 'void'), authorization }),
    );
    // An authorization the provider has not dropped would stay on the card: the order stays PENDING and the reconciler voids it.
    if (!voided.ok && voided.outcome !== 'DECLINED') throw new Error(`void of order ${order.id} did not go through: ${voided.message}`);
  }
  // No reservation at all (inventory lost it, or never had it): nothing to give back.
  await releaseOrderStock(commerce.peers, order.id).catch((error: unknown) => {
    if (!isGoneReservation(error)) throw error;
  });
  const failed = await changeOrderStatus(commerce.db, order.id, { to: 'PAYMENT_FAILED', actor: SYSTEM_ACTOR, reason, repeatable: true });
  return { __typename: 'PaymentFailed', order: failed, reason };
}

/**
 * Confirms the order's reservation. A hold inventory no longer has (expired, released) is EXPIRED;
 * any other failure (unreachable, a 5xx) is retried, then UNREACHABLE: the caller voids and releases
 * rather than leave an authorization and a hold behind. A confirm that went through unanswered is
 * undone by the release, which gives back taken units too.
 */
async function takeHeldStock(commerce: Commerce, orderId: string): Promise<'CONFIRMED' | 'EXPIRED' | 'UNREACHABLE'> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await confirmOrderStock(commerce.peers, orderId);
      return 'CONFIRMED';
    } catch (error) {
      if (isGoneReservation(error)) return 'EXPIRED';
      commerce.payments.logger.warn({ err: error, orderId, attempt }, 'confirming the stock failed');
      if (attempt >= CONFIRM_ATTEMPTS) return 'UNREACHABLE';
      await new Promise((resolve) => setTimeout(resolve, CONFIRM_BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }
}

/** Inventory's answer for a reservation that is no longer held (CONFLICT) or never was (NOT_FOUND). */
export function isGoneReservation(error: unknown): boolean {
  return error instanceof PeerRequestError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND');
}

/**
 * Pays a PENDING order: authorize, take the held stock, capture, PAID, clear the cart. A failure
 * at any step voids what was authorized, gives the stock back and ends PAYMENT_FAILED. Only the
 * holder of the payment lease runs this; anyone else gets the order as it stands.
 */
export async function payOrder(commerce: Commerce, order: OrderRow, cardNumber: string): Promise<CheckoutResult> {
  const leased = await claimPaymentLease(commerce.db, order.id, commerce.paymentLeaseSeconds);
  if (!leased) return resultForOrder(commerce.db, (await findOrdersByIds(commerce.db, [order.id]))[0]!);
  const { payments } = commerce;
  const amountCents = order.totalCents;
  const authorized = await payments.call(
    { orderId: order.id, operation: 'AUTHORIZE', amountCents, idempotencyKey: paymentKey(order.id, 'authorize'), cardLast4: cardNumber.slice(-4) },
    () => payments.provider.authorize({ idempotencyKey: paymentKey(order.id, 'authorize'), amountCents, currency: order.currency, cardNumber }),
  );
  if (!authorized.ok) {
    // Without a definite answer the authorization may still have gone through (its answer lost on the
    // way back): ask the provider, so it is voided. If the provider cannot say, the order stays PENDING for the reconciler.
    const late = authorized.outcome === 'DECLINED' ? null : await succeededReference(commerce, order, 'AUTHORIZE', paymentKey(order.id, 'authorize'));
    return failPayment(commerce, order, `payment ${authorized.outcome.toLowerCase()}: ${authorized.message}`, late ?? undefined);
  }
  const stock = await takeHeldStock(commerce, order.id);
  if (stock === 'EXPIRED') return failPayment(commerce, order, 'the stock hold ran out before payment', authorized.reference);
  if (stock === 'UNREACHABLE')
    return failPayment(commerce, order, 'the stock could not be taken (inventory did not answer); nothing was charged', authorized.reference);
  const captured = await payments.call({ orderId: order.id, operation: 'CAPTURE', amountCents, idempotencyKey: paymentKey(order.id, 'capture') }, () =>
    payments.provider.capture({ idempotencyKey: paymentKey(order.id, 'capture'), authorization: authorized.reference, amountCents }),
  );
  if (!captured.ok) {
    // As for the authorization: a capture without a definite answer may have gone through, and then the order is paid.
    const late = captured.outcome === 'DECLINED' ? null : await succeededReference(commerce, order, 'CAPTURE', paymentKey(order.id, 'capture'));
    if (!late) return failPayment(commerce, order, `capture ${captured.outcome.toLowerCase()}: ${captured.message}`, authorized.reference);
  }
  const paid = await changeOrderStatus(commerce.db, order.id, {
    to: 'PAID',
    actor: SYSTEM_ACTOR,
    reason: 'payment captured',
    patch: { paidCents: amountCents },
    repeatable: true,
  });
  await commerce.carts.clear(order.userId);
  return { __typename: 'OrderPlaced', order: paid };
}
