import { sql, type SQL } from 'drizzle-orm';

/*
 * What an order went through, read from its status facts (the bus has no payment or refund topic
 * of its own: the orders subgraph announces both as status changes). `orderId` is the column of
 * the order's id in the surrounding query.
 */

export const wasPaid = (orderId: SQL): SQL => sql`exists (select 1 from order_status_facts s where s.order_id = ${orderId} and s.to_status = 'PAID')`;

export const paymentFailed = (orderId: SQL): SQL =>
  sql`exists (select 1 from order_status_facts s where s.order_id = ${orderId} and s.to_status = 'PAYMENT_FAILED')`;

/** Refunded in full: REFUNDED, or cancelled after payment (which refunds what was paid). */
export const wasRefunded = (orderId: SQL): SQL =>
  sql`exists (select 1 from order_status_facts s where s.order_id = ${orderId} and (s.to_status = 'REFUNDED' or (s.to_status = 'CANCELLED' and s.from_status = 'PAID')))`;
