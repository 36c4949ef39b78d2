import { writeOutboxEvent, type EventPayload } from '@shopgraph/events';
import type { OrdersTx } from '../db/database';
import type { OrderRow } from '../db/schema';

/**
 * Announces money given back on `order` (as it was before the refund), in the caller's
 * transaction: every refund, whole or partial, and the refund of a paid order's cancellation.
 */
export async function writeOrderRefunded(tx: OrdersTx, order: OrderRow, amountCents: number, reason: string): Promise<void> {
  const event: EventPayload<'OrderRefunded'> = {
    orderId: order.id,
    userId: order.userId,
    amountCents,
    refundedTotalCents: order.refundedCents + amountCents,
    currency: order.currency,
    reason,
    at: new Date().toISOString(),
  };
  await writeOutboxEvent(tx, 'OrderRefunded', event);
}
