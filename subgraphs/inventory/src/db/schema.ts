import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Units of one product. The product itself lives in the products subgraph, so no foreign key. */
export const stock = pgTable(
  'stock',
  {
    productId: uuid('product_id').primaryKey(),
    onHand: integer('on_hand').notNull(),
    reserved: integer('reserved').notNull().default(0),
    lowStockThreshold: integer('low_stock_threshold').notNull().default(5),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('stock_on_hand_check', sql`${table.onHand} >= 0`),
    check('stock_reserved_check', sql`${table.reserved} >= 0 and ${table.reserved} <= ${table.onHand}`),
    check('stock_threshold_check', sql`${table.lowStockThreshold} >= 0`),
  ],
);

export type StockRow = typeof stock.$inferSelect;
