import type { OrderStatus } from '../db/schema';

/**
 * The only moves an order's status may make. Anything else is a CONFLICT. Partial refunds leave the
 * status alone; the refund that brings the refunded amount to what was paid moves it to REFUNDED.
 */
export const ALLOWED_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  PENDING: ['PAID', 'PAYMENT_FAILED', 'CANCELLED'],
  PAID: ['SHIPPED', 'CANCELLED', 'REFUNDED'],
  PAYMENT_FAILED: [],
  SHIPPED: ['DELIVERED', 'REFUNDED'],
  DELIVERED: ['REFUNDED'],
  CANCELLED: [],
  REFUNDED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Who changed a status: a user id, or the checkout and payment flow itself. */
export const SYSTEM_ACTOR = 'system';
