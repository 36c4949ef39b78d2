import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { ReviewsDb } from '../database';
import { reviews, type ReviewRow } from '../schema';

/** Whose reviews a list is: a product's or an author's. */
export type ReviewParent = 'productId' | 'authorId';

const approved = eq(reviews.status, 'APPROVED');

export function findApprovedReviewsByIds(db: ReviewsDb, ids: readonly string[]): Promise<ReviewRow[]> {
  return db.select().from(reviews).where(and(inArray(reviews.id, [...ids]), approved));
}

/** The newest `first` approved reviews of each parent, for a whole batch of parents in one statement. */
export async function findFirstApprovedPerParent(db: ReviewsDb, parent: ReviewParent, parentIds: readonly string[], first: number): Promise<ReviewRow[]> {
  const column = reviews[parent];
  const ranked = db
    .select({
      id: reviews.id,
      rank: sql<number>`row_number() over (partition by ${column} order by ${reviews.createdAt} desc, ${reviews.id} desc)`.as('rank'),
    })
    .from(reviews)
    .where(and(inArray(column, [...parentIds]), approved))
    .as('ranked');
  const rows = await db
    .select({ review: reviews })
    .from(reviews)
    .innerJoin(ranked, eq(ranked.id, reviews.id))
    .where(sql`${ranked.rank} <= ${first}`)
    .orderBy(desc(reviews.createdAt), desc(reviews.id));
  return rows.map((row) => row.review);
}

/** One page of a parent's approved reviews after a keyset position, newest first. */
export function findApprovedPage(
  db: ReviewsDb,
  parent: ReviewParent,
  parentId: string,
  limit: number,
  after: { createdAt: Date; id: string },
): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews[parent], parentId),
        approved,
        or(lt(reviews.createdAt, after.createdAt), and(eq(reviews.createdAt, after.createdAt), lt(reviews.id, after.id))),
      ),
    )
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
}

export async function countApprovedByAuthors(db: ReviewsDb, authorIds: readonly string[]): Promise<{ authorId: string; count: number }[]> {
  return db
    .select({ authorId: reviews.authorId, count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(inArray(reviews.authorId, [...authorIds]), approved))
    .groupBy(reviews.authorId);
}
