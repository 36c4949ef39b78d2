import type { OrderRow, OrderStatus } from '../db/schema';

interface Template {
  kind: string;
  subject(order: OrderRow): string;
  body(order: OrderRow, reason: string | null): string;
}

const money = (cents: number, currency: string) => `${(cents / 100).toFixed(2)} ${currency}`;
const shortId = (order: OrderRow) => order.id.slice(0, 8);

/** The statuses a customer hears about, and what they are told. */
export const ORDER_EMAILS: Partial<Record<OrderStatus, Template>> = {
  PAID: {
    kind: 'ORDER_CONFIRMED',
    subject: (order) => `Your order ${shortId(order)} is confirmed`,
    body: (order) => `Thank you! We received ${money(order.paidCents, order.currency)} for order ${order.id} and will ship it soon.`,
  },
  PAYMENT_FAILED: {
    kind: 'PAYMENT_FAILED',
    subject: (order) => `Payment for order ${shortId(order)} did not go through`,
    body: (order, reason) =>
      `We could not take payment for order ${order.id} (${reason ?? 'payment failed'}). Nothing was charged; your cart is still there to try another card.`,
  },
  SHIPPED: {
    kind: 'ORDER_SHIPPED',
    subject: (order) => `Order ${shortId(order)} is on its way`,
    body: (order) => `Order ${order.id} shipped with ${order.carrier ?? 'our carrier'}, tracking number ${order.trackingNumber ?? 'n/a'}.`,
  },
  DELIVERED: {
    kind: 'ORDER_DELIVERED',
    subject: (order) => `Order ${shortId(order)} was delivered`,
    body: (order) => `Order ${order.id} was delivered. Enjoy, and tell others what you think in a review.`,
  },
  CANCELLED: {
    kind: 'ORDER_CANCELLED',
    subject: (order) => `Order ${shortId(order)} was cancelled`,
    body: (order) => `Order ${order.id} was cancelled${order.refundedCents > 0 ? `; ${money(order.refundedCents, order.currency)} was refunded` : ''}.`,
  },
  REFUNDED: {
    kind: 'ORDER_REFUNDED',
    subject: (order) => `Order ${shortId(order)} was refunded`,
    body: (order) => `${money(order.refundedCents, order.currency)} for order ${order.id} is on its way back to your card.`,
  },
};
