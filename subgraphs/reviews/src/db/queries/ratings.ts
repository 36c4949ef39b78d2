import { inArray, sql } from 'drizzle-orm';
import type { ReviewsDb } from '../database';
import { productRatings, reviews, type ProductRatingRow } from '../schema';

type Executor = Pick<ReviewsDb, 'execute'>;

export function findRatingsByProductIds(db: ReviewsDb, productIds: readonly string[]): Promise<ProductRatingRow[]> {
  return db.select().from(productRatings).where(inArray(productRatings.productId, [...productIds]));
}

/**
 * Recomputes the rating summary of these products from their approved reviews, in one statement.
 * Every write path that changes a review calls it in the same transaction.
 */
export async function refreshProductRatings(tx: Executor, productIds: readonly string[]): Promise<void> {
  if (productIds.length === 0) return;
  const ids = sql.join(productIds.map((id) => sql`${id}::uuid`), sql`, `);
  await tx.execute(sql`
    insert into ${productRatings} (product_id, count, sum, stars_1, stars_2, stars_3, stars_4, stars_5, updated_at)
    select p.id,
           count(r.id)::int,
           coalesce(sum(r.rating), 0)::int,
           count(*) filter (where r.rating = 1)::int,
           count(*) filter (where r.rating = 2)::int,
           count(*) filter (where r.rating = 3)::int,
           count(*) filter (where r.rating = 4)::int,
           count(*) filter (where r.rating = 5)::int,
           now()
      from unnest(array[${ids}]) as p(id)
      left join ${reviews} r on r.product_id = p.id and r.status = 'APPROVED'
     group by p.id
    on conflict (product_id) do update set
      count = excluded.count, sum = excluded.sum,
      stars_1 = excluded.stars_1, stars_2 = excluded.stars_2, stars_3 = excluded.stars_3,
      stars_4 = excluded.stars_4, stars_5 = excluded.stars_5, updated_at = excluded.updated_at`);
}
