import type { OrdersTx } from '../database';
import { processedEvents } from '../schema';

/**
 * Claims an event for a consumer inside the transaction of its effect. False when it was already
 * applied: the caller then does nothing, so a redelivered event has no second effect.
 */
export async function claimEvent(tx: OrdersTx, consumer: string, eventId: string): Promise<boolean> {
  const rows = await tx.insert(processedEvents).values({ consumer, eventId }).onConflictDoNothing().returning({ eventId: processedEvents.eventId });
  return rows.length === 1;
}
