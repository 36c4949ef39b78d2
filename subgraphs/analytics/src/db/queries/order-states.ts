import { sql, type SQL } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';

/**
 * The orders placed in the range with what they went through, as a subquery: one row per order
 * (order_id, total_cents, placed_at, paid, failed, refunded, refunded_cents), its status and
 * refund facts aggregated in one pass. Paid: it reached PAID. Failed: PAYMENT_FAILED. Refunded
 * (in full): REFUNDED, or cancelled after payment (which refunds what was paid). refunded_cents:
 * what its OrderRefunded events gave back in all (partial refunds too), or its total when it was
 * refunded in full by status only (events from before OrderRefunded existed).
 */
export function placedOrders(range: ReportRange): SQL {
  return sql`(
    select o.order_id, o.total_cents, o.placed_at, s.paid, s.failed, s.refunded,
      greatest(coalesce(r.refunded_cents, 0), case when s.refunded then o.total_cents else 0 end) as refunded_cents
    from order_facts o
    cross join lateral (
      select coalesce(bool_or(f.to_status = 'PAID'), false) as paid,
        coalesce(bool_or(f.to_status = 'PAYMENT_FAILED'), false) as failed,
        coalesce(bool_or(f.to_status = 'REFUNDED' or (f.to_status = 'CANCELLED' and f.from_status = 'PAID')), false) as refunded
      from order_status_facts f where f.order_id = o.order_id
    ) s
    left join lateral (select max(refunded_total_cents) as refunded_cents from refund_facts where order_id = o.order_id) r on true
    where o.placed_at >= ${range.from.toISOString()}::timestamptz and o.placed_at < ${range.to.toISOString()}::timestamptz
  )`;
}
