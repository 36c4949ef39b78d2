import type { OrderRow, OrderStatus } from '../db/schema';

interface ShippingText {
  kind: string;
  body(order: OrderRow): string;
}

/** The shipping updates a customer who opted in with a phone number also gets by SMS: short, no links. */
export const SHIPPING_TEXTS: Partial<Record<OrderStatus, ShippingText>> = {
  SHIPPED: {
    kind: 'ORDER_SHIPPED',
    body: (order) => `Shopgraph: order ${order.id.slice(0, 8)} shipped with ${order.carrier ?? 'our carrier'}, tracking ${order.trackingNumber ?? 'n/a'}.`,
  },
  DELIVERED: { kind: 'ORDER_DELIVERED', body: (order) => `Shopgraph: order ${order.id.slice(0, 8)} was delivered.` },
};
