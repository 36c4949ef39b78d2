import { formatMoney, renderEmail, type RenderedEmail } from './layout';

/** What the order templates need to know of an order (no database row types: this is a library). */
export interface OrderFacts {
  id: string;
  currency: string;
  paidCents: number;
  refundedCents: number;
  carrier: string | null;
  trackingNumber: string | null;
}

const shortId = (order: OrderFacts) => order.id.slice(0, 8);

export function orderConfirmedEmail(order: OrderFacts): RenderedEmail {
  return renderEmail(`Your order ${shortId(order)} is confirmed`, [
    `Thank you! We received ${formatMoney(order.paidCents, order.currency)} for order ${order.id} and will ship it soon.`,
  ]);
}

export function paymentFailedEmail(order: OrderFacts, reason: string | null): RenderedEmail {
  return renderEmail(`Payment for order ${shortId(order)} did not go through`, [
    `We could not take payment for order ${order.id} (${reason ?? 'payment failed'}).`,
    'Nothing was charged; your cart is still there to try another card.',
  ]);
}

export function orderShippedEmail(order: OrderFacts): RenderedEmail {
  return renderEmail(`Order ${shortId(order)} is on its way`, [
    `Order ${order.id} shipped with ${order.carrier ?? 'our carrier'}.`,
    `Tracking number: ${order.trackingNumber ?? 'n/a'}`,
  ]);
}

export function orderDeliveredEmail(order: OrderFacts): RenderedEmail {
  return renderEmail(`Order ${shortId(order)} was delivered`, [`Order ${order.id} was delivered. Enjoy, and tell others what you think in a review.`]);
}

export function orderCancelledEmail(order: OrderFacts): RenderedEmail {
  const refund = order.refundedCents > 0 ? `; ${formatMoney(order.refundedCents, order.currency)} was refunded` : '';
  return renderEmail(`Order ${shortId(order)} was cancelled`, [`Order ${order.id} was cancelled${refund}.`]);
}

export function orderRefundedEmail(order: OrderFacts): RenderedEmail {
  return renderEmail(`Order ${shortId(order)} was refunded`, [
    `${formatMoney(order.refundedCents, order.currency)} for order ${order.id} is on its way back to your card.`,
  ]);
}
