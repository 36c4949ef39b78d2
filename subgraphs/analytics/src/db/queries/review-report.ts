import { sql } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';
import type { AnalyticsDb } from '../database';
import { periodColumns, periodSeries } from './periods';

export interface ReviewPeriodRow {
  start: Date;
  label: string;
  newReviews: number;
  averageRating: number | null;
}

/**
 * Review volume from the changes of each product's approved count, and the stars those reviews
 * added (average x count, whole stars). A product's first fact is its baseline unless it is
 * version 1 (its first review): reviews from before analytics read the stream are not counted as new.
 */
export async function reviewTrend(db: AnalyticsDb, range: ReportRange, unit: string, timeZone: string): Promise<ReviewPeriodRow[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const rows = await db.execute<{ start_ms: number; label: string; added: string; stars: string }>(sql`
    with totals as (
      select product_id, version, at, count, round(coalesce(average, 0) * count)::int as stars from rating_facts
    ), changes as (
      select at,
        count - coalesce(lag(count) over w, case when version = 1 then 0 else count end) as added,
        stars - coalesce(lag(stars) over w, case when version = 1 then 0 else stars end) as stars
      from totals window w as (partition by product_id order by version)
    ), in_range as (
      select date_trunc(${unit}, at at time zone ${timeZone}) as local_start, added, stars
      from changes where at >= ${from}::timestamptz and at < ${to}::timestamptz
    )
    select ${periodColumns(timeZone)},
      coalesce(sum(c.added), 0)::bigint as added, coalesce(sum(c.stars), 0)::bigint as stars
    from ${periodSeries(range, unit, timeZone)} as p left join in_range c on c.local_start = p.local_start
    group by p.local_start order by p.local_start`);
  return rows.map((row) => {
    const added = Number(row.added);
    return {
      start: new Date(row.start_ms),
      label: row.label,
      newReviews: added,
      averageRating: added > 0 ? Math.round((Number(row.stars) / added) * 100) / 100 : null,
    };
  });
}
