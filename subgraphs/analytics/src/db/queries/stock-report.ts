import { sql } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';
import type { AnalyticsDb } from '../database';

export interface StockOutRow {
  productId: string;
  stockOuts: number;
  outOfStockNow: boolean;
}

/** A stock-out is a change to zero available from more than zero (or a product's first known level being zero). */
export async function findStockOuts(db: AnalyticsDb, range: ReportRange, first: number): Promise<StockOutRow[]> {
  const rows = await db.execute<{ product_id: string; stock_outs: number; out_now: boolean }>(sql`
    with levels as (
      select product_id, available, at, lag(available) over (partition by product_id order by version) as previous,
        first_value(available) over (partition by product_id order by version desc) as latest
      from stock_facts
    )
    select product_id, count(*)::int as stock_outs, bool_and(latest = 0) as out_now
    from levels
    where available = 0 and (previous is null or previous > 0)
      and at >= ${range.from.toISOString()}::timestamptz and at < ${range.to.toISOString()}::timestamptz
    group by product_id order by stock_outs desc, product_id limit ${first}`);
  return rows.map((row) => ({ productId: row.product_id, stockOuts: row.stock_outs, outOfStockNow: row.out_now }));
}

export interface LowStockDaysRow {
  productId: string;
  days: number;
}

/**
 * A product's level holds from one of its stock facts to the next (the last one until now); a day
 * of the zone counts when any part of it, within the range, had a level at or below the threshold.
 */
export async function findLowStockDays(db: AnalyticsDb, range: ReportRange, timeZone: string, threshold: number, first: number): Promise<LowStockDaysRow[]> {
  const from = range.from.toISOString();
  const to = range.to.toISOString();
  const rows = await db.execute<{ product_id: string; days: number }>(sql`
    with spans as (
      select product_id, available, at as starts, coalesce(lead(at) over (partition by product_id order by version), now()) as ends
      from stock_facts
    ), low as (
      select product_id, greatest(starts, ${from}::timestamptz) as starts, least(ends, ${to}::timestamptz) as ends
      from spans where available <= ${threshold}
    ), low_days as (
      select distinct product_id, generate_series(date_trunc('day', starts at time zone ${timeZone}), ends at time zone ${timeZone}, '1 day') as day
      from low where starts <= ends
    )
    select product_id, count(*)::int as days from low_days group by product_id order by days desc, product_id limit ${first}`);
  return rows.map((row) => ({ productId: row.product_id, days: row.days }));
}
