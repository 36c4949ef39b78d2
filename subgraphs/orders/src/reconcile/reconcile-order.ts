import type { Commerce } from '../commerce';
import { failPayment, isGoneReservation, paymentKey } from '../checkout/pay-order';
import { claimPaymentLease } from '../db/queries/order-writes';
import type { OrderRow } from '../db/schema';
import { changeOrderStatus } from '../lifecycle/change-status';
import { SYSTEM_ACTOR } from '../lifecycle/transitions';
import { succeededReference } from '../payments/succeeded-reference';
import { confirmOrderStock } from '../peers/inventory';

/** How the reconciler ended one stuck order; SKIPPED when someone else is paying it or it ended meanwhile. */
export type ReconcileOutcome = 'PAID' | 'PAYMENT_FAILED' | 'SKIPPED';

/** Written as the reason of the status change, so the order's history says who ended it and why. */
export const RECONCILED_PAID = 'payment captured; checkout finished by the reconciler';
export const RECONCILED_FAILED = 'checkout was interrupted; nothing was charged';

/** The capture went through: the stock was confirmed before it (confirming again changes nothing), so the order is PAID. */
async function finishPaid(commerce: Commerce, order: OrderRow): Promise<void> {
  try {
    await confirmOrderStock(commerce.peers, order.id);
  } catch (error) {
    // Money was taken for stock inventory no longer holds: the order still ends, and a person is told.
    if (!isGoneReservation(error)) throw error;
    commerce.payments.logger.error({ err: error, orderId: order.id }, 'a captured order has no confirmed stock; it needs a person');
  }
  await changeOrderStatus(commerce.db, order.id, {
    to: 'PAID',
    actor: SYSTEM_ACTOR,
    reason: RECONCILED_PAID,
    patch: { paidCents: order.totalCents },
    repeatable: true,
  });
  await commerce.carts.clear(order.userId);
}

/**
 * Drives one PENDING order to its end from what is recorded and what the provider says: PAID when
 * the capture succeeded, otherwise void what was authorized, release the stock, PAYMENT_FAILED.
 * It takes the order's payment lease first, so a client retry, another reconciler or a request
 * still running cannot work on the order at the same time; every step is idempotent, so a pass
 * that dies half-way is finished by the next one once its lease runs out.
 */
export async function reconcileOrder(commerce: Commerce, orderId: string): Promise<ReconcileOutcome> {
  const order = await claimPaymentLease(commerce.db, orderId, commerce.paymentLeaseSeconds);
  if (!order) return 'SKIPPED';
  if (await succeededReference(commerce, order, 'CAPTURE', paymentKey(order.id, 'capture'))) {
    await finishPaid(commerce, order);
    return 'PAID';
  }
  const authorization = await succeededReference(commerce, order, 'AUTHORIZE', paymentKey(order.id, 'authorize'));
  await failPayment(commerce, order, RECONCILED_FAILED, authorization ?? undefined);
  return 'PAYMENT_FAILED';
}
