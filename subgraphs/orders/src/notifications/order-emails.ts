import {
  orderCancelledEmail,
  orderConfirmedEmail,
  orderDeliveredEmail,
  orderRefundedEmail,
  orderShippedEmail,
  paymentFailedEmail,
  type RenderedEmail,
} from '@shopgraph/notifications';
import type { OrderRow, OrderStatus } from '../db/schema';

interface OrderEmail {
  kind: string;
  render(order: OrderRow, reason: string | null): RenderedEmail;
}

/** The statuses a customer hears about by email, and which template tells them (docs/notifications.md). */
export const ORDER_EMAILS: Partial<Record<OrderStatus, OrderEmail>> = {
  PAID: { kind: 'ORDER_CONFIRMED', render: (order) => orderConfirmedEmail(order) },
  PAYMENT_FAILED: { kind: 'PAYMENT_FAILED', render: (order, reason) => paymentFailedEmail(order, reason) },
  SHIPPED: { kind: 'ORDER_SHIPPED', render: (order) => orderShippedEmail(order) },
  DELIVERED: { kind: 'ORDER_DELIVERED', render: (order) => orderDeliveredEmail(order) },
  CANCELLED: { kind: 'ORDER_CANCELLED', render: (order) => orderCancelledEmail(order) },
  REFUNDED: { kind: 'ORDER_REFUNDED', render: (order) => orderRefundedEmail(order) },
};
