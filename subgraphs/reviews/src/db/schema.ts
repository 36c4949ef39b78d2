import { sql } from 'drizzle-orm';
import { outboxTable } from '@shopgraph/events';
import { check, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const REVIEW_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;

/** Products and authors live in other subgraphs, so their ids carry no foreign key. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    productId: uuid('product_id').notNull(),
    authorId: uuid('author_id').notNull(),
    rating: smallint('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('PENDING'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('reviews_one_per_author_product').on(table.productId, table.authorId),
    index('reviews_product_idx').on(table.productId, table.status, table.createdAt.desc(), table.id.desc()),
    index('reviews_author_idx').on(table.authorId, table.status, table.createdAt.desc(), table.id.desc()),
    // The moderation queue: one status, oldest first.
    index('reviews_status_idx').on(table.status, table.createdAt, table.id),
    check('reviews_rating_check', sql`${table.rating} between 1 and 5`),
    check('reviews_status_check', sql`${table.status} in ('PENDING', 'APPROVED', 'REJECTED')`),
  ],
);

/** Approved reviews' ratings per product, kept current on every review change instead of computed per read. */
export const productRatings = pgTable('product_ratings', {
  productId: uuid('product_id').primaryKey(),
  count: integer('count').notNull().default(0),
  sum: integer('sum').notNull().default(0),
  stars1: integer('stars_1').notNull().default(0),
  stars2: integer('stars_2').notNull().default(0),
  stars3: integer('stars_3').notNull().default(0),
  stars4: integer('stars_4').notNull().default(0),
  stars5: integer('stars_5').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Bumped by every refresh, which writers of one product take in turn: RatingChanged events carry it, so consumers apply them in order and once. */
  version: integer('version').notNull().default(0),
});

/**
 * Events written in the same transaction as the change they describe, for a relay to publish
 * (RatingChanged). Rows are never updated except to set published_at.
 */
export const outbox = outboxTable();

export type ReviewRow = typeof reviews.$inferSelect;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export type ProductRatingRow = typeof productRatings.$inferSelect;
