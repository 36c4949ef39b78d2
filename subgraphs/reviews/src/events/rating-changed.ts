import { writeOutboxEvent, type EventPayload } from '@shopgraph/events';
import type { ReviewsTx } from '../db/database';
import type { ProductRatingRow } from '../db/schema';
import { ratingSummary } from '../rating-summary';

/**
 * Records RatingChanged in the outbox, in the transaction that changed the rating, so the event
 * exists exactly when the change committed: the whole state, not a delta, so a repeat is harmless.
 */
export async function recordRatingChanged(tx: ReviewsTx, rating: ProductRatingRow): Promise<void> {
  const { average, count } = ratingSummary(rating);
  const payload: EventPayload<'RatingChanged'> = { productId: rating.productId, average, count, version: rating.version };
  await writeOutboxEvent(tx, 'RatingChanged', payload);
}
