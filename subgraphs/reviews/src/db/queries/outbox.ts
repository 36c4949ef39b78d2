import type { ReviewsTx } from '../database';
import { outbox } from '../schema';

/** Queues an event in the caller's transaction: it exists exactly when the change it describes committed. */
export async function insertOutboxEvent(tx: ReviewsTx, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ topic, payload });
}
