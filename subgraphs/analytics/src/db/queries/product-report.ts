import { sql, type SQL } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';
import type { AnalyticsDb } from '../database';
import { placedOrders } from './order-states';

export type SalesRanking = 'REVENUE' | 'UNITS';

export interface SalesRow {
  id: string;
  revenueCents: number;
  units: number;
}

/** Lines of the orders placed in the range that were paid and not refunded in full (a partial refund keeps them), summed per `key` column. */
async function topBy(db: AnalyticsDb, key: SQL, range: ReportRange, by: SalesRanking, first: number): Promise<SalesRow[]> {
  const order = by === 'UNITS' ? sql`units desc, revenue desc` : sql`revenue desc, units desc`;
  const rows = await db.execute<{ id: string; revenue: string; units: string }>(sql`
    select ${key} as id, sum(l.quantity * l.unit_price_cents)::bigint as revenue, sum(l.quantity)::bigint as units
    from order_line_facts l join ${placedOrders(range)} as o on o.order_id = l.order_id
    where ${key} is not null and o.paid and not o.refunded
    group by ${key} order by ${order}, id limit ${first}`);
  return rows.map((row) => ({ id: row.id, revenueCents: Number(row.revenue), units: Number(row.units) }));
}

export const topProducts = (db: AnalyticsDb, range: ReportRange, by: SalesRanking, first: number) => topBy(db, sql`l.product_id`, range, by, first);

/** By the category each product had when its order was consumed; products the catalog did not know are left out. */
export const topCategories = (db: AnalyticsDb, range: ReportRange, by: SalesRanking, first: number) => topBy(db, sql`l.category_id`, range, by, first);
