import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Facts, one table per kind of event. Each row is keyed by what makes its event unique in its
 * source (an order, an order's status sequence, a product's version), so applying an event twice,
 * or events out of order, gives the same tables. Orders, products and reviews live in other
 * subgraphs: no foreign keys.
 */

/** One row per OrderCreated. */
export const orderFacts = pgTable(
  'order_facts',
  {
    orderId: uuid('order_id').primaryKey(),
    userId: uuid('user_id').notNull(),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('order_facts_placed_idx').on(table.placedAt)],
);

/** The lines of an OrderCreated, with the product's category when it was consumed. */
export const orderLineFacts = pgTable(
  'order_line_facts',
  {
    orderId: uuid('order_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    /** Null when the products subgraph no longer knows the product. */
    categoryId: uuid('category_id'),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.position] }), index('order_line_facts_product_idx').on(table.productId)],
);

/** One row per OrderStatusChanged: payments (PAID, PAYMENT_FAILED), cancellations and refunds are read from these. */
export const orderStatusFacts = pgTable(
  'order_status_facts',
  {
    orderId: uuid('order_id').notNull(),
    sequence: integer('sequence').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.sequence] }), index('order_status_facts_to_idx').on(table.toStatus, table.orderId)],
);

/**
 * One row per OrderRefunded: money given back, whole or in part. Keyed by the order and what it
 * had refunded in all after the refund, which grows with every refund of one order.
 */
export const refundFacts = pgTable(
  'refund_facts',
  {
    orderId: uuid('order_id').notNull(),
    refundedTotalCents: integer('refunded_total_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.refundedTotalCents] })],
);

/** One row per StockChanged: a product's available units from `at` until its next version. */
export const stockFacts = pgTable(
  'stock_facts',
  {
    productId: uuid('product_id').notNull(),
    version: integer('version').notNull(),
    available: integer('available').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.productId, table.version] }), check('stock_facts_available_check', sql`${table.available} >= 0`)],
);

/** One row per RatingChanged: a product's approved-review count and average after the change. */
export const ratingFacts = pgTable(
  'rating_facts',
  {
    productId: uuid('product_id').notNull(),
    version: integer('version').notNull(),
    count: integer('count').notNull(),
    average: real('average'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.productId, table.version] }), index('rating_facts_at_idx').on(table.at)],
);

/** Every event applied, by its bus id, so freshness can be counted per topic and a repeat is known. */
export const processedEvents = pgTable(
  'processed_events',
  {
    eventId: text('event_id').primaryKey(),
    topic: text('topic').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('processed_events_topic_idx').on(table.topic, table.occurredAt)],
);

export type OrderFactRow = typeof orderFacts.$inferSelect;
