import { sql } from 'drizzle-orm';
import { demoReviews } from '@shopgraph/demo-data';
import type { ReviewsDb } from './database';
import { refreshProductRatings } from './queries/ratings';
import { productRatings, reviews } from './schema';

/**
 * Loads the demo reviews and their products' rating summaries; safe to run at every start. A
 * summary's version is its approved-review count, as if each approval had bumped it: analytics
 * seeds one rating change per approved demo review, so the next RatingChanged follows them.
 */
export async function seedReviews(db: ReviewsDb): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(reviews)
      .values([...demoReviews])
      .onConflictDoNothing()
      .returning({ productId: reviews.productId });
    const refreshed = await refreshProductRatings(tx, [...new Set(inserted.map((row) => row.productId))]);
    if (refreshed.length === 0) return;
    const ids = sql.join(
      refreshed.map((row) => sql`${row.productId}::uuid`),
      sql`, `,
    );
    await tx
      .update(productRatings)
      .set({ version: sql`${productRatings.count}` })
      .where(sql`${productRatings.productId} in (${ids})`);
  });
}
