import { inArray, sql } from 'drizzle-orm';
import type { ReviewsDb, ReviewsTx } from '../database';
import { productRatings, reviews, type ProductRatingRow } from '../schema';

type Executor = Pick<ReviewsDb, 'insert'>;

export function findRatingsByProductIds(db: ReviewsDb, productIds: readonly string[]): Promise<ProductRatingRow[]> {
  return db
    .select()
    .from(productRatings)
    .where(inArray(productRatings.productId, [...productIds]));
}

/**
 * Recomputes the rating summary of these products from their approved reviews, in one statement
 * (INSERT ... SELECT ... ON CONFLICT DO UPDATE), and returns the new rows. Every write path that
 * changes a review calls it in the same transaction.
 */
export async function refreshProductRatings(tx: Executor, productIds: readonly string[]): Promise<ProductRatingRow[]> {
  if (productIds.length === 0) return [];
  const ids = sql.join(
    productIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // drizzle names the target columns in the table's order; the select lists them in that order too.
  return tx
    .insert(productRatings)
    .select(
      sql`select p.id,
                 count(r.id)::int,
                 coalesce(sum(r.rating), 0)::int,
                 count(*) filter (where r.rating = 1)::int,
                 count(*) filter (where r.rating = 2)::int,
                 count(*) filter (where r.rating = 3)::int,
                 count(*) filter (where r.rating = 4)::int,
                 count(*) filter (where r.rating = 5)::int,
                 now(),
                 1
            from unnest(array[${ids}]) as p(id)
            left join ${reviews} r on r.product_id = p.id and r.status = 'APPROVED'
           group by p.id`,
    )
    .onConflictDoUpdate({
      target: productRatings.productId,
      set: {
        count: sql`excluded.count`,
        sum: sql`excluded.sum`,
        stars1: sql`excluded.stars_1`,
        stars2: sql`excluded.stars_2`,
        stars3: sql`excluded.stars_3`,
        stars4: sql`excluded.stars_4`,
        stars5: sql`excluded.stars_5`,
        updatedAt: sql`excluded.updated_at`,
        version: sql`${productRatings.version} + 1`,
      },
    })
    .returning();
}

/**
 * Makes writers of one product's reviews take turns until they commit. Under READ COMMITTED each
 * statement reads what was committed when it started, so a refresh that starts after this lock
 * counts every other writer's change; without it two concurrent approvals could each count only
 * their own, and the later upsert would win with a stale count.
 */
export async function lockProductRating(tx: ReviewsTx, productId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`product_ratings:${productId}`}, 0))`);
}
