import type { ProductRatingRow } from './db/schema';

export interface RatingSummary {
  average: number | null;
  count: number;
  histogram: { stars: number; count: number }[];
}

/** The public rating of a product from its summary row; a product nobody reviewed has none. */
export function ratingSummary(row: ProductRatingRow | null): RatingSummary {
  const stars = row ? [row.stars1, row.stars2, row.stars3, row.stars4, row.stars5] : [0, 0, 0, 0, 0];
  const count = row?.count ?? 0;
  return {
    average: row && count > 0 ? Math.round((row.sum / count) * 100) / 100 : null,
    count,
    histogram: stars.map((starCount, index) => ({ stars: index + 1, count: starCount })),
  };
}
