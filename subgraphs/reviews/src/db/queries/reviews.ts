import { and, asc, desc, eq, gt, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ReviewsDb } from '../database';
import { reviews, type ReviewRow, type ReviewStatus } from '../schema';

/** Whose reviews a list is: a product's or an author's. */
export type ReviewParent = 'productId' | 'authorId';

/** Which of a parent's reviews a list holds: the public ones, or (for their author and admins) all. */
export type ReviewVisibility = 'approved' | 'all';

/** A keyset position in a list ordered by (created_at, id). */
export interface ReviewPosition {
  createdAt: Date;
  id: string;
}

const visible = (visibility: ReviewVisibility): SQL | undefined => (visibility === 'approved' ? eq(reviews.status, 'APPROVED') : undefined);

/** Reviews by id, whatever their status: callers decide who may see which. */
export function findReviewsByIds(db: ReviewsDb, ids: readonly string[]): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(inArray(reviews.id, [...ids]));
}

/** The newest `first` reviews of each parent, for a whole batch of parents in one statement. */
export async function findFirstPerParent(
  db: ReviewsDb,
  parent: ReviewParent,
  visibility: ReviewVisibility,
  parentIds: readonly string[],
  first: number,
): Promise<ReviewRow[]> {
  const column = reviews[parent];
  const ranked = db
    .select({
      id: reviews.id,
      rank: sql<number>`row_number() over (partition by ${column} order by ${reviews.createdAt} desc, ${reviews.id} desc)`.as('rank'),
    })
    .from(reviews)
    .where(and(inArray(column, [...parentIds]), visible(visibility)))
    .as('ranked');
  const rows = await db
    .select({ review: reviews })
    .from(reviews)
    .innerJoin(ranked, eq(ranked.id, reviews.id))
    .where(sql`${ranked.rank} <= ${first}`)
    .orderBy(desc(reviews.createdAt), desc(reviews.id));
  return rows.map((row) => row.review);
}

/** One page of a parent's reviews after a keyset position, newest first. */
export function findPageAfter(
  db: ReviewsDb,
  parent: ReviewParent,
  visibility: ReviewVisibility,
  parentId: string,
  limit: number,
  after: ReviewPosition,
): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews[parent], parentId),
        visible(visibility),
        or(lt(reviews.createdAt, after.createdAt), and(eq(reviews.createdAt, after.createdAt), lt(reviews.id, after.id))),
      ),
    )
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
}

export async function countByAuthors(
  db: ReviewsDb,
  visibility: ReviewVisibility,
  authorIds: readonly string[],
): Promise<{ authorId: string; count: number }[]> {
  return db
    .select({ authorId: reviews.authorId, count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(and(inArray(reviews.authorId, [...authorIds]), visible(visibility)))
    .groupBy(reviews.authorId);
}

/** The moderation queue: reviews in one status, oldest first, after a keyset position. */
export function findPageByStatus(db: ReviewsDb, status: ReviewStatus, limit: number, after: ReviewPosition | null): Promise<ReviewRow[]> {
  const afterPosition = after ? or(gt(reviews.createdAt, after.createdAt), and(eq(reviews.createdAt, after.createdAt), gt(reviews.id, after.id))) : undefined;
  return db
    .select()
    .from(reviews)
    .where(and(eq(reviews.status, status), afterPosition))
    .orderBy(asc(reviews.createdAt), asc(reviews.id))
    .limit(limit);
}

export async function countByStatus(db: ReviewsDb, status: ReviewStatus): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(eq(reviews.status, status));
  return row?.count ?? 0;
}
