import { sql, type SQL } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';

/**
 * The orders placed in the range with what they went through, as a subquery: one row per order
 * (order_id, total_cents, placed_at, paid, failed, refunded), its status facts aggregated in one
 * pass. The bus has no payment or refund topic of its own: the orders subgraph announces both as
 * status changes. Paid: it reached PAID. Failed: PAYMENT_FAILED. Refunded in full: REFUNDED, or
 * cancelled after payment (which refunds what was paid).
 */
export function placedOrders(range: ReportRange): SQL {
  return sql`(
    select o.order_id, o.total_cents, o.placed_at,
      coalesce(bool_or(s.to_status = 'PAID'), false) as paid,
      coalesce(bool_or(s.to_status = 'PAYMENT_FAILED'), false) as failed,
      coalesce(bool_or(s.to_status = 'REFUNDED' or (s.to_status = 'CANCELLED' and s.from_status = 'PAID')), false) as refunded
    from order_facts o left join order_status_facts s on s.order_id = o.order_id
    where o.placed_at >= ${range.from.toISOString()}::timestamptz and o.placed_at < ${range.to.toISOString()}::timestamptz
    group by o.order_id
  )`;
}
