import { sql } from 'drizzle-orm';
import { outboxTable } from '@shopgraph/events';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Units of one product. The product itself lives in the products subgraph, so no foreign key. */
export const stock = pgTable(
  'stock',
  {
    productId: uuid('product_id').primaryKey(),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    lowStockThreshold: integer('low_stock_threshold').notNull().default(5),
    /** Bumped with every StockChanged event, so consumers apply them in order and only once. */
    version: integer('version').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('stock_on_hand_check', sql`${table.onHand} >= 0`),
    check('stock_reserved_check', sql`${table.reserved} >= 0 and ${table.reserved} <= ${table.onHand}`),
    check('stock_threshold_check', sql`${table.lowStockThreshold} >= 0`),
  ],
);

export type StockRow = typeof stock.$inferSelect;

export const RESERVATION_STATUSES = ['HELD', 'CONFIRMED', 'RELEASED'] as const;

/** Stock held for one order; the order lives in the orders subgraph. */
export const reservations = pgTable(
  'reservations',
  {
    orderId: uuid('order_id').primaryKey(),
    status: text('status', { enum: RESERVATION_STATUSES }).notNull().default('HELD'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('reservations_held_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'HELD'`),
    check('reservations_status_check', sql`${table.status} in ('HELD', 'CONFIRMED', 'RELEASED')`),
  ],
);

export const reservationItems = pgTable(
  'reservation_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => reservations.orderId, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.productId] }), check('reservation_items_quantity_check', sql`${table.quantity} > 0`)],
);

/** Every manual change of stock, with who and why. */
export const stockAdjustments = pgTable(
  'stock_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    actorId: uuid('actor_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('stock_adjustments_product_idx').on(table.productId, table.createdAt)],
);

export type ReservationRow = typeof reservations.$inferSelect;
export type ReservationItemRow = typeof reservationItems.$inferSelect;
export type StockAdjustmentRow = typeof stockAdjustments.$inferSelect;

/** StockChanged events, written in the transaction that changed the stock (see @shopgraph/events). */
export const outbox = outboxTable();
