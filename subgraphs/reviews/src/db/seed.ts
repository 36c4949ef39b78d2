import { demoReviews } from '@shopgraph/demo-data';
import type { ReviewsDb } from './database';
import { refreshProductRatings } from './queries/ratings';
import { reviews } from './schema';

/** Loads the demo reviews and their products' rating summaries; safe to run at every start. */
export async function seedReviews(db: ReviewsDb): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reviews)
      .values([...demoReviews])
      .onConflictDoNothing()
      .returning({ productId: reviews.productId });
    await refreshProductRatings(tx, [...new Set(inserted.map((row) => row.productId))]);
  });
}
