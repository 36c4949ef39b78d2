import { eq } from 'drizzle-orm';
import type { ReviewsTx } from '../database';
import { reviews, type ReviewRow } from '../schema';

export type NewReview = Pick<ReviewRow, 'productId' | 'authorId' | 'rating' | 'title' | 'body'>;
export type ReviewChanges = Partial<Pick<ReviewRow, 'rating' | 'title' | 'body' | 'status'>>;

/** The new review, or null when this author has already reviewed this product. */
export async function insertReview(tx: ReviewsTx, review: NewReview): Promise<ReviewRow | null> {
  const [row] = await tx
    .insert(reviews)
    .values({ ...review, status: 'PENDING' })
    .onConflictDoNothing({ target: [reviews.productId, reviews.authorId] })
    .returning();
  return row ?? null;
}

/** A review locked until the transaction ends, so its author and status cannot change under a check. */
export async function lockReview(tx: ReviewsTx, id: string): Promise<ReviewRow | null> {
  const [row] = await tx.select().from(reviews).where(eq(reviews.id, id)).for('update');
  return row ?? null;
}

export async function updateReviewRow(tx: ReviewsTx, id: string, changes: ReviewChanges): Promise<ReviewRow> {
  const [row] = await tx.update(reviews).set(changes).where(eq(reviews.id, id)).returning();
  // Only called on a row this transaction holds locked.
  if (!row) throw new Error(`review ${id} vanished under its lock`);
  return row;
}

export async function deleteReviewRow(tx: ReviewsTx, id: string): Promise<void> {
  await tx.delete(reviews).where(eq(reviews.id, id));
}
