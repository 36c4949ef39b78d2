import { sql } from 'drizzle-orm';
import { outboxTable } from '@shopgraph/events';
import { bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const ORDER_STATUSES = ['PENDING', 'PAID', 'PAYMENT_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where a checkout ships to, copied from the shopper's address book at the moment of purchase. */
export interface ShippingAddress {
  recipient: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string;
  country: string;
}

/** Users and products live in other subgraphs, so their ids carry no foreign key. */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('PENDING'),
    currency: text('currency').notNull().default('USD'),
    totalCents: integer('total_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The checkout's idempotency key (null for seeded orders); one order per user and key. */
    idempotencyKey: text('idempotency_key'),
    /** Hash of the checkout input the key was first used with: the same key with other input is a CONFLICT. */
    checkoutHash: text('checkout_hash'),
    /** Bumped by every status change; the sequence of its OrderStatusChanged event. */
    statusSequence: integer('status_sequence').notNull().default(0),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    /** Where order emails go, copied from the account at checkout. */
    contactEmail: text('contact_email'),
    /** Payment of a PENDING order is run by one request at a time: whoever holds an unexpired lease. */
    paymentLeaseUntil: timestamp('payment_lease_until', { withTimezone: true }),
    paidCents: integer('paid_cents').notNull().default(0),
    refundedCents: integer('refunded_cents').notNull().default(0),
    carrier: text('carrier'),
    trackingNumber: text('tracking_number'),
  },
  (table) => [
    index('orders_user_idx').on(table.userId, table.createdAt.desc(), table.id.desc()),
    index('orders_created_idx').on(table.createdAt.desc(), table.id.desc()),
    uniqueIndex('orders_idempotency_key_idx').on(table.userId, table.idempotencyKey),
    // The reconciler's look for stuck checkouts: only the few PENDING orders, not the whole history.
    index('orders_pending_idx')
      .on(table.createdAt)
      .where(sql`${table.status} = 'PENDING'`),
    check('orders_refund_check', sql`${table.refundedCents} >= 0 and ${table.refundedCents} <= ${table.paidCents}`),
    check('orders_total_check', sql`${table.totalCents} >= 0`),
    check('orders_status_check', sql`${table.status} in ('PENDING', 'PAID', 'PAYMENT_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED')`),
  ],
);

/** A snapshot of what was bought, at the name and price of the moment of purchase. */
export const orderItems = pgTable(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    productId: uuid('product_id').notNull(),
    productName: text('product_name').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.position] }),
    check('order_items_price_check', sql`${table.unitPriceCents} >= 0`),
    check('order_items_quantity_check', sql`${table.quantity} > 0`),
  ],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;

/** Every status an order went through: when, who, why. Sequence 0 is its creation (no `from`). */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    fromStatus: text('from_status', { enum: ORDER_STATUSES }),
    toStatus: text('to_status', { enum: ORDER_STATUSES }).notNull(),
    /** A user id, or `system` for the checkout and payment flow itself. */
    actor: text('actor').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.orderId, table.sequence] })],
);

export const PAYMENT_OPERATIONS = ['AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND'] as const;
export const PAYMENT_OUTCOMES = ['SUCCEEDED', 'DECLINED', 'FAILED', 'TIMED_OUT'] as const;
export type PaymentOperation = (typeof PAYMENT_OPERATIONS)[number];
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number];

/** Every call to the payment provider, whatever its outcome. */
export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    operation: text('operation', { enum: PAYMENT_OPERATIONS }).notNull(),
    outcome: text('outcome', { enum: PAYMENT_OUTCOMES }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    provider: text('provider').notNull(),
    /** The provider's id for the authorization or refund, when it answered. */
    providerReference: text('provider_reference'),
    /** The key sent to the provider: the same key never moves money twice. */
    providerIdempotencyKey: text('provider_idempotency_key').notNull(),
    cardLast4: text('card_last4'),
    message: text('message'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('payments_order_idx').on(table.orderId, table.id),
    check('payments_amount_check', sql`${table.amountCents} >= 0`),
    // One key moves money once at the provider, so it succeeds once on record: a second caller
    // with the same key (a reconciler taking over a checkout whose lease ran out) adds no row.
    uniqueIndex('payments_succeeded_key_idx')
      .on(table.providerIdempotencyKey)
      .where(sql`${table.outcome} = 'SUCCEEDED'`),
  ],
);

export const outbox = outboxTable();

/** Events a consumer has applied, recorded in the same transaction as its effect: redelivery changes nothing. */
export const processedEvents = pgTable(
  'processed_events',
  {
    consumer: text('consumer').notNull(),
    eventId: text('event_id').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.consumer, table.eventId] })],
);

/**
 * The email outbox: written by the notifications consumer, delivered by the email dispatcher
 * (SMTP, or only logged in development). A failed attempt waits until next_attempt_at; after
 * NOTIFICATIONS_MAX_ATTEMPTS the email is dead-lettered (dead_at) for an admin to see.
 */
export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    orderId: uuid('order_id'),
    /** ORDER_CONFIRMED, PAYMENT_FAILED, ORDER_SHIPPED... */
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** The plain-text body. */
    body: text('body').notNull(),
    /** The HTML body; null for emails written before there was one. */
    html: text('html'),
    /** The event that caused the email: its Message-ID derives from it, so a resend is recognisable. */
    eventId: text('event_id'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('emails_user_idx').on(table.userId, table.createdAt.desc()),
    index('emails_unsent_idx')
      .on(table.createdAt)
      .where(sql`${table.sentAt} is null`),
    index('emails_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.sentAt} is null and ${table.deadAt} is null`),
    index('emails_dead_idx')
      .on(table.deadAt.desc())
      .where(sql`${table.deadAt} is not null`),
  ],
);

/**
 * The SMS outbox: shipping updates for customers who gave a phone number, delivered through the
 * SMS provider with the same retries and dead letters as emails.
 */
export const textMessages = pgTable(
  'text_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    orderId: uuid('order_id'),
    /** ORDER_SHIPPED, ORDER_DELIVERED */
    kind: text('kind').notNull(),
    /** E.164, as the profile had it when the event was handled. */
    toPhone: text('to_phone').notNull(),
    body: text('body').notNull(),
    eventId: text('event_id').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    deadAt: timestamp('dead_at', { withTimezone: true }),
    /** Which provider took it (simulated, ...) and its id for the message. */
    provider: text('provider'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('text_messages_user_idx').on(table.userId, table.createdAt.desc()),
    index('text_messages_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.sentAt} is null and ${table.deadAt} is null`),
  ],
);

export type OrderStatusChangeRow = typeof orderStatusHistory.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type EmailRow = typeof emails.$inferSelect;
export type TextMessageRow = typeof textMessages.$inferSelect;
