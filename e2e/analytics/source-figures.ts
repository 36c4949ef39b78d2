import type postgres from 'postgres';
import { demoHistoryEvents } from '@shopgraph/analytics';

/*
 * The figures analytics should give, computed straight from the source databases (orders,
 * inventory, reviews, products) with SQL of their own tables: nothing here reads analytics.
 * An order is paid when its history has PAID; its refunds are its refunded_cents (partial refunds
 * included); it counts as refunded when refunded_cents > 0, as refunded in full when it reached paid_cents.
 */

export interface Range {
  from: Date;
  to: Date;
}

const inRange = (sql: postgres.Sql, column: string, range: Range) =>
  sql`${sql(column)} >= ${range.from.toISOString()}::timestamptz and ${sql(column)} < ${range.to.toISOString()}::timestamptz`;

/** Orders per local day, week or month: only the periods that have orders. */
export async function salesFromOrders(orders: postgres.Sql, range: Range, unit: 'day' | 'week' | 'month', timeZone: string) {
  const rows = await orders<{ label: string; orders: number; paid: number; gross: string; refunds: string }[]>`
    with placed as (
      select o.*, exists (select 1 from order_status_history h where h.order_id = o.id and h.to_status = 'PAID') as was_paid
      from orders o where ${inRange(orders, 'created_at', range)}
    )
    select to_char(date_trunc(${unit}, created_at at time zone ${timeZone}), 'YYYY-MM-DD') as label, count(*)::int as orders,
      (count(*) filter (where was_paid))::int as paid, coalesce(sum(paid_cents), 0)::bigint as gross, coalesce(sum(refunded_cents), 0)::bigint as refunds
    from placed group by 1 order by 1`;
  return rows.map((row) => {
    const gross = Number(row.gross);
    const refunds = Number(row.refunds);
    return {
      label: row.label,
      orders: row.orders,
      paidOrders: row.paid,
      grossRevenue: gross,
      refunds,
      netRevenue: gross - refunds,
      averageOrderValue: row.paid ? Math.round(gross / row.paid) : 0,
    };
  });
}

export async function paymentRatesFromOrders(orders: postgres.Sql, range: Range) {
  const [row] = await orders<{ attempts: number; failures: number; paid: number; refunded: number; paid_cents: string; refunded_cents: string }[]>`
    select (count(*) filter (where paid_cents > 0 or status = 'PAYMENT_FAILED'))::int as attempts,
      (count(*) filter (where status = 'PAYMENT_FAILED'))::int as failures,
      (count(*) filter (where paid_cents > 0))::int as paid,
      (count(*) filter (where refunded_cents > 0))::int as refunded,
      coalesce(sum(paid_cents), 0)::bigint as paid_cents, coalesce(sum(refunded_cents), 0)::bigint as refunded_cents
    from orders where ${inRange(orders, 'created_at', range)}`;
  const { attempts, failures, paid, refunded } = row!;
  const [paidCents, refundedCents] = [Number(row!.paid_cents), Number(row!.refunded_cents)];
  return {
    paymentAttempts: attempts,
    paymentFailures: failures,
    paymentFailureRate: attempts ? failures / attempts : 0,
    paidOrders: paid,
    refundedOrders: refunded,
    refundRate: paid ? refunded / paid : 0,
    paidRevenue: { amount: paidCents },
    refundedRevenue: { amount: refundedCents },
    refundedRevenueRate: paidCents ? refundedCents / paidCents : 0,
  };
}

/** Units and revenue per product of the orders paid and not refunded in full. */
export async function productSalesFromOrders(orders: postgres.Sql, range: Range) {
  const rows = await orders<{ product_id: string; revenue: string; units: string }[]>`
    select i.product_id, sum(i.quantity * i.unit_price_cents)::bigint as revenue, sum(i.quantity)::bigint as units
    from order_items i join orders o on o.id = i.order_id
    where ${inRange(orders, 'o.created_at', range)} and o.paid_cents > 0 and o.refunded_cents < o.paid_cents
    group by i.product_id`;
  return rows.map((row) => ({ id: row.product_id, revenue: Number(row.revenue), units: Number(row.units) }));
}

export async function categoriesOf(products: postgres.Sql, productIds: string[]): Promise<Map<string, string>> {
  const rows = await products<{ id: string; category_id: string }[]>`select id, category_id from products where id in ${products(productIds)}`;
  return new Map(rows.map((row) => [row.id, row.category_id]));
}

/**
 * Each product's available levels as the inventory recorded them: its demo movements (the
 * adjustments before `demoEnd`, the end of the demo history, summed in order; version n is the
 * n-th), then its StockChanged rows, which continue those versions.
 */
const stockLevels = (inventory: postgres.Sql, demoEnd: Date) => inventory`
  select product_id::text as product_id, row_number() over w::int as version,
    (sum(delta) over (w rows between unbounded preceding and current row))::int as available, created_at as at
  from stock_adjustments where created_at < ${demoEnd.toISOString()}::timestamptz
  window w as (partition by product_id order by created_at, id)
  union all
  select payload->>'productId', (payload->>'version')::int, (payload->>'available')::int, created_at from outbox where topic = 'StockChanged'`;

/** Stock-outs per product from the inventory's own records (above), and whether its stock is out now. */
export async function stockOutsFromInventory(inventory: postgres.Sql, range: Range, demoEnd: Date) {
  return inventory<{ productId: string; stockOuts: number; outOfStockNow: boolean }[]>`
    with levels as (
      select product_id, available, at, lag(available) over (partition by product_id order by version) as previous
      from (${stockLevels(inventory, demoEnd)}) as recorded
    )
    select l.product_id as "productId", count(*)::int as "stockOuts", bool_and(s.on_hand - s.reserved = 0) as "outOfStockNow"
    from levels l join stock s on s.product_id = l.product_id::uuid
    where l.available = 0 and (l.previous is null or l.previous > 0) and ${inRange(inventory, 'l.at', range)}
    group by l.product_id order by 2 desc, 1`;
}

/** Local days on which a product's available stock was at or below the threshold, from the inventory's records. */
export async function lowStockDaysFromInventory(inventory: postgres.Sql, range: Range, timeZone: string, threshold: number, demoEnd: Date) {
  return inventory<{ productId: string; days: number }[]>`
    with levels as (
      select product_id, available, at as starts, coalesce(lead(at) over (partition by product_id order by version), now()) as ends
      from (${stockLevels(inventory, demoEnd)}) as recorded
    ), low as (
      select product_id, greatest(starts, ${range.from.toISOString()}::timestamptz) as starts, least(ends, ${range.to.toISOString()}::timestamptz) as ends
      from levels where available <= ${threshold}
    ), days as (
      select distinct product_id, d::date from low, generate_series(date_trunc('day', starts at time zone ${timeZone}), ends at time zone ${timeZone}, '1 day') as d
      where starts <= ends
    )
    select product_id as "productId", count(*)::int as days from days group by 1 order by 2 desc, 1`;
}

/** Reviews approved and still approved, by local day (or week, month) of their creation (tests and the demo approve them when they are written). */
export async function reviewsFromReviews(reviews: postgres.Sql, range: Range, timeZone: string, unit: 'day' | 'week' | 'month' = 'day') {
  const rows = await reviews<{ label: string; count: number; average: number }[]>`
    select to_char(date_trunc(${unit}, created_at at time zone ${timeZone}), 'YYYY-MM-DD') as label, count(*)::int as count, avg(rating)::float8 as average
    from reviews where status = 'APPROVED' and ${inRange(reviews, 'created_at', range)} group by 1 order by 1`;
  return rows.map((row) => ({ label: row.label, newReviews: row.count, averageRating: Math.round(row.average * 100) / 100 }));
}

/**
 * How many events of each topic the source services wrote, plus the demo history's (which
 * analytics seeds itself): analytics has caught up when it applied as many.
 */
export async function eventCounts(sources: { orders: postgres.Sql; inventory: postgres.Sql; reviews: postgres.Sql }): Promise<Record<string, number>> {
  const count = async (sql: postgres.Sql, topic: string) => (await sql<{ n: number }[]>`select count(*)::int as n from outbox where topic = ${topic}`)[0]!.n;
  return {
    OrderCreated: await count(sources.orders, 'OrderCreated'),
    OrderStatusChanged: await count(sources.orders, 'OrderStatusChanged'),
    OrderRefunded: await count(sources.orders, 'OrderRefunded'),
    StockChanged: await count(sources.inventory, 'StockChanged'),
    RatingChanged: await count(sources.reviews, 'RatingChanged'),
  };
}

/** The demo history's events per topic, as analytics seeds them. */
export function demoEventCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const event of demoHistoryEvents()) counts[event.topic] = (counts[event.topic] ?? 0) + 1;
  return counts;
}
