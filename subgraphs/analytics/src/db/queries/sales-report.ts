import { sql } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';
import type { AnalyticsDb } from '../database';
import { periodColumns, periodSeries } from './periods';
import { placedOrders } from './order-states';

export interface SalesPeriodRow {
  start: Date;
  label: string;
  orders: number;
  paidOrders: number;
  grossCents: number;
  refundCents: number;
  averageCents: number;
}

/**
 * One row per period of the range, empty periods included, grouped by the orders' placement time
 * in `timeZone`: the periods are the zone's local days, weeks or months (DST-long or short).
 */
export async function salesByPeriod(db: AnalyticsDb, range: ReportRange, unit: string, timeZone: string): Promise<SalesPeriodRow[]> {
  const rows = await db.execute<{ start_ms: number; label: string; orders: number; paid: number; gross: string; refunds: string }>(sql`
    with placed as (
      select date_trunc(${unit}, placed_at at time zone ${timeZone}) as local_start, total_cents, paid, refunded_cents from ${placedOrders(range)} as o
    )
    select ${periodColumns(timeZone)},
      count(o.local_start)::int as orders, (count(*) filter (where o.paid))::int as paid,
      coalesce(sum(o.total_cents) filter (where o.paid), 0)::bigint as gross,
      coalesce(sum(o.refunded_cents), 0)::bigint as refunds
    from ${periodSeries(range, unit, timeZone)} as p left join placed o on o.local_start = p.local_start
    group by p.local_start order by p.local_start`);
  return rows.map((row) => {
    const grossCents = Number(row.gross);
    return {
      start: new Date(row.start_ms),
      label: row.label,
      orders: row.orders,
      paidOrders: row.paid,
      grossCents,
      refundCents: Number(row.refunds),
      averageCents: row.paid > 0 ? Math.round(grossCents / row.paid) : 0,
    };
  });
}

export interface PaymentRatesRow {
  attempts: number;
  failures: number;
  paid: number;
  /** Orders with any refund, whole or partial. */
  refunded: number;
  paidCents: number;
  refundedCents: number;
}

/** Payment outcomes and refunds of the orders placed in the range. */
export async function paymentRates(db: AnalyticsDb, range: ReportRange): Promise<PaymentRatesRow> {
  const [row] = await db.execute<{ attempts: number; failures: number; paid: number; refunded: number; paid_cents: string; refunded_cents: string }>(sql`
    select (count(*) filter (where paid or failed))::int as attempts, (count(*) filter (where failed))::int as failures,
      (count(*) filter (where paid))::int as paid, (count(*) filter (where refunded_cents > 0))::int as refunded,
      coalesce(sum(total_cents) filter (where paid), 0)::bigint as paid_cents, coalesce(sum(refunded_cents), 0)::bigint as refunded_cents
    from ${placedOrders(range)} as outcomes`);
  if (!row) return { attempts: 0, failures: 0, paid: 0, refunded: 0, paidCents: 0, refundedCents: 0 };
  const { paid_cents, refunded_cents, ...counts } = row;
  return { ...counts, paidCents: Number(paid_cents), refundedCents: Number(refunded_cents) };
}
