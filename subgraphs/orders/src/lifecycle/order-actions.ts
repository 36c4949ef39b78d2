import { GraphQLError } from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import { badUserInput, ErrorCode, isSelfOrAdmin, notFound } from '@shopgraph/server';
import { paymentKey } from '../checkout/pay-order';
import type { Commerce } from '../commerce';
import type { OrdersTx } from '../db/database';
import { lockOrder, updateOrder } from '../db/queries/order-writes';
import { findSuccessfulAuthorization } from '../db/queries/payments';
import type { OrderRow } from '../db/schema';
import { releaseOrderStock } from '../peers/inventory';
import { applyStatusChange } from './change-status';
import { writeOrderRefunded } from './refund-event';
import { canTransition } from './transitions';

const conflict = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT } });

async function lockedOrder(tx: OrdersTx, orderId: string): Promise<OrderRow> {
  const order = await lockOrder(tx, orderId);
  if (!order) throw notFound('No such order');
  return order;
}

/** Gives money back through the provider; a refund that does not go through is unexpected, so it fails the request. */
async function refundThroughProvider(commerce: Commerce, order: OrderRow, amountCents: number, key: string): Promise<void> {
  const authorization = await findSuccessfulAuthorization(commerce.db, order.id);
  if (!authorization?.providerReference) throw new Error(`order ${order.id} is paid but has no authorization on record`);
  const result = await commerce.payments.call({ orderId: order.id, operation: 'REFUND', amountCents, idempotencyKey: key }, () =>
    commerce.payments.provider.refund({ idempotencyKey: key, authorization: authorization.providerReference!, amountCents }),
  );
  if (!result.ok) throw new Error(`refund of order ${order.id} failed: ${result.message}`);
}

/**
 * The customer (or an admin) cancels an order that has not shipped. The order stays locked while
 * the money and stock go back, so shipping cannot slip in between; a PENDING order being paid right
 * now is a CONFLICT (try again in a moment).
 */
export function cancelOrder(commerce: Commerce, viewer: Viewer, orderId: string, reason: string | null): Promise<OrderRow> {
  return commerce.db.transaction(async (tx) => {
    const order = await lockedOrder(tx, orderId);
    if (!isSelfOrAdmin(viewer, order.userId))
      throw new GraphQLError('Only the customer and admins can cancel an order', { extensions: { code: ErrorCode.FORBIDDEN } });
    if (!canTransition(order.status, 'CANCELLED')) throw conflict(`An order that is ${order.status} cannot be cancelled`);
    if (order.status === 'PENDING' && order.paymentLeaseUntil && order.paymentLeaseUntil.getTime() > Date.now())
      throw conflict('The order is being paid right now; try again in a moment');
    const owed = order.paidCents - order.refundedCents;
    if (owed > 0) await refundThroughProvider(commerce, order, owed, paymentKey(order.id, 'refund-on-cancel'));
    else {
      const authorization = await findSuccessfulAuthorization(commerce.db, order.id);
      if (authorization?.providerReference) {
        await commerce.payments.call(
          { orderId: order.id, operation: 'VOID', amountCents: order.totalCents, idempotencyKey: paymentKey(order.id, 'void') },
          () => commerce.payments.provider.void({ idempotencyKey: paymentKey(order.id, 'void'), authorization: authorization.providerReference! }),
        );
      }
    }
    await releaseOrderStock(commerce.peers, order.id);
    const why = reason ?? 'cancelled by the customer';
    if (owed > 0) await writeOrderRefunded(tx, order, owed, why);
    return applyStatusChange(tx, order, {
      to: 'CANCELLED',
      actor: viewer.id!,
      reason: why,
      patch: { refundedCents: order.paidCents },
    });
  });
}

export function markShipped(commerce: Commerce, actor: string, orderId: string, carrier: string, trackingNumber: string): Promise<OrderRow> {
  return commerce.db.transaction(async (tx) =>
    applyStatusChange(tx, await lockedOrder(tx, orderId), { to: 'SHIPPED', actor, reason: `shipped with ${carrier}`, patch: { carrier, trackingNumber } }),
  );
}

export function markDelivered(commerce: Commerce, actor: string, orderId: string): Promise<OrderRow> {
  return commerce.db.transaction(async (tx) => applyStatusChange(tx, await lockedOrder(tx, orderId), { to: 'DELIVERED', actor, reason: 'delivered' }));
}

/**
 * Refunds `amountCents` (all that is left when absent). Never more than was paid and not yet
 * refunded. The provider key names the refunded amount before and after, so an admin retrying the
 * same refund after a crash is not refunded twice. The refund that completes it makes the order REFUNDED.
 * Every refund, partial ones too, is announced as OrderRefunded.
 */
export function refundOrder(commerce: Commerce, actor: string, orderId: string, amountCents: number | null, reason: string): Promise<OrderRow> {
  return commerce.db.transaction(async (tx) => {
    const order = await lockedOrder(tx, orderId);
    if (!['PAID', 'SHIPPED', 'DELIVERED'].includes(order.status)) throw conflict(`An order that is ${order.status} cannot be refunded`);
    const refundable = order.paidCents - order.refundedCents;
    const amount = amountCents ?? refundable;
    if (!Number.isInteger(amount) || amount <= 0) throw badUserInput('"amount" must be a positive number of cents', 'amount');
    if (amount > refundable) throw badUserInput(`"amount" is more than can be refunded: ${refundable} of ${order.paidCents} paid`, 'amount');
    const refunded = order.refundedCents + amount;
    await refundThroughProvider(commerce, order, amount, paymentKey(order.id, `refund:${order.refundedCents}-${refunded}`));
    await writeOrderRefunded(tx, order, amount, reason);
    if (refunded === order.paidCents) return applyStatusChange(tx, order, { to: 'REFUNDED', actor, reason, patch: { refundedCents: refunded } });
    return updateOrder(tx, order.id, { refundedCents: refunded });
  });
}
