import type { ReviewsDb, ReviewsTx } from '../db/database';
import { lockProductRating, refreshProductRatings } from '../db/queries/ratings';
import type { ReviewRow } from '../db/schema';
import type { ReviewsCaches } from '../entity-caches';
import { recordRatingChanged } from '../events/rating-changed';

/**
 * The one way a review changes. `change` runs in a transaction and returns the review as it is
 * after the change (as it was, for a delete); in the same transaction its product's rating is
 * recomputed from the approved reviews and RatingChanged is recorded. Throwing in `change` rolls
 * all of it back. After commit the cached rating is dropped, so the next read in any process
 * sees the new one.
 */
export async function writeReview(deps: { db: ReviewsDb; caches: ReviewsCaches }, change: (tx: ReviewsTx) => Promise<ReviewRow>): Promise<ReviewRow> {
  const review = await deps.db.transaction(async (tx) => {
    const changed = await change(tx);
    await lockProductRating(tx, changed.productId);
    const [rating] = await refreshProductRatings(tx, [changed.productId]);
    // The upsert always returns the product's row; its absence would be a bug, not a client error.
    if (!rating) throw new Error(`no rating row returned for product ${changed.productId}`);
    await recordRatingChanged(tx, rating);
    return changed;
  });
  await deps.caches.ratingByProductId.invalidate([review.productId]);
  return review;
}
