import { getTableColumns, sql } from 'drizzle-orm';
import { customType, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const categories = pgTable('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  parentId: uuid('parent_id').references((): AnyPgColumn => categories.id),
});

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sku: text('sku').notNull().unique(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    images: jsonb('images')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    attributes: jsonb('attributes')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    /** Words of the name (weight A) and description (weight B), kept by Postgres itself. */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')`),
  },
  (table) => [
    index('products_category_created_idx').on(table.categoryId, table.createdAt, table.id),
    index('products_created_idx').on(table.createdAt, table.id),
    index('products_price_idx').on(table.priceCents, table.id),
    index('products_search_idx').using('gin', table.search),
  ],
);

/**
 * Copies of facts other subgraphs own, for filtering and sorting here: available units from
 * inventory's StockChanged events, ratings from reviews' RatingChanged events. A version per
 * source makes applying an event idempotent and keeps an older event from overwriting a newer one.
 */
export const productSignals = pgTable('product_signals', {
  productId: uuid('product_id')
    .primaryKey()
    .references(() => products.id),
  available: integer('available').notNull().default(0),
  stockVersion: integer('stock_version').notNull().default(0),
  ratingAverage: doublePrecision('rating_average'),
  ratingCount: integer('rating_count').notNull().default(0),
  ratingVersion: integer('rating_version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CategoryRow = typeof categories.$inferSelect;
/** Every column but the search vector, which only the search reads: what queries select and caches hold. */
export const { search: _searchVector, ...productColumns } = getTableColumns(products);

export type ProductRow = Omit<typeof products.$inferSelect, 'search'>;
export type ProductSignalsRow = typeof productSignals.$inferSelect;
