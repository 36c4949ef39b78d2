import type { ReviewsTx } from '../db/database';
import { insertOutboxEvent } from '../db/queries/outbox';
import type { ProductRatingRow } from '../db/schema';
import { ratingSummary } from '../rating-summary';

export const RATING_CHANGED_TOPIC = 'RatingChanged';

/** A product's rating after a review change: the whole state, not a delta, so a repeat is harmless. */
export type RatingChangedPayload = {
  productId: string;
  /** As the API shows it (two decimals); null while the product has no approved review. */
  average: number | null;
  count: number;
  /** Per product, increasing by one with each change, in commit order. */
  version: number;
};

/**
 * Records RatingChanged in the outbox, in the transaction that changed the rating, so the event
 * exists exactly when the change committed. A relay publishes the rows.
 */
export async function recordRatingChanged(tx: ReviewsTx, rating: ProductRatingRow): Promise<void> {
  const { average, count } = ratingSummary(rating);
  const payload: RatingChangedPayload = { productId: rating.productId, average, count, version: rating.version };
  await insertOutboxEvent(tx, RATING_CHANGED_TOPIC, payload);
}
