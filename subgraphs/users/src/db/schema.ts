import type { JWK } from 'jose';
import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['CUSTOMER', 'ADMIN'] })
      .notNull()
      .default('CUSTOMER'),
    /** argon2id (PHC string); null for an account that cannot log in with a password. */
    passwordHash: text('password_hash'),
    /** E.164; set only by the user opting in to shipping updates by SMS, null to opt out. */
    smsPhone: text('sms_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // Emails are unique whatever their case.
    uniqueIndex('users_email_lower_idx').on(sql`lower(${table.email})`),
    index('users_created_idx').on(table.createdAt, table.id),
    check('users_role_check', sql`${table.role} in ('CUSTOMER', 'ADMIN')`),
  ],
);

export type UserRow = typeof users.$inferSelect;

/** PostgreSQL bytea, read and written by postgres.js as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * ES256 keys that sign access tokens. The newest active key signs; every key not yet retired is
 * published in the JWKS, so tokens signed before a rotation stay valid until they expire.
 * The private key is sealed (AES-256-GCM, the kid as AAD) with the key-encryption key `kek_id`
 * names (USERS_KEY_ENCRYPTION_KEYS, docs/security.md).
 */
export const signingKeys = pgTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    /** Cleartext, from before keys were sealed: the service seals such a row at start and empties this. */
    privateJwk: jsonb('private_jwk').$type<JWK>(),
    kekId: text('kek_id'),
    privateKeyIv: bytea('private_key_iv'),
    privateKeyAuthTag: bytea('private_key_auth_tag'),
    privateKeyCiphertext: bytea('private_key_ciphertext'),
    publicJwk: jsonb('public_jwk').$type<JWK>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (table) => [
    // Sealed (all four columns) or, until the first start after the upgrade, cleartext: never both, never half.
    check(
      'signing_keys_sealed_check',
      sql`(${table.privateJwk} is null and num_nonnulls(${table.kekId}, ${table.privateKeyIv}, ${table.privateKeyAuthTag}, ${table.privateKeyCiphertext}) = 4) or (${table.privateJwk} is not null and num_nonnulls(${table.kekId}, ${table.privateKeyIv}, ${table.privateKeyAuthTag}, ${table.privateKeyCiphertext}) = 0)`,
    ),
  ],
);

/**
 * Refresh tokens, stored as SHA-256 hashes. Every use rotates the token within its family (one
 * login); a token presented after it was rotated means it was stolen, and the family is revoked.
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('refresh_tokens_family_idx').on(table.familyId), index('refresh_tokens_user_idx').on(table.userId)],
);

export type RefreshTokenRow = typeof refreshTokens.$inferSelect;

export const addresses = pgTable(
  'addresses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    recipient: text('recipient').notNull(),
    line1: text('line1').notNull(),
    line2: text('line2'),
    city: text('city').notNull(),
    region: text('region'),
    postalCode: text('postal_code').notNull(),
    country: text('country').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('addresses_user_idx').on(table.userId, table.createdAt),
    // At most one default per user, whatever two concurrent requests try.
    uniqueIndex('addresses_one_default_idx')
      .on(table.userId)
      .where(sql`${table.isDefault}`),
  ],
);

export type AddressRow = typeof addresses.$inferSelect;

/** Single-use password reset tokens, stored as SHA-256 hashes. */
export const passwordResetTokens = pgTable('password_reset_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Events written in the same transaction as the change they describe. Emails (topic
 * notifications.email) leave this way: the email dispatcher sends them and sets published_at; a
 * failed attempt waits until next_attempt_at, and after NOTIFICATIONS_MAX_ATTEMPTS the row is
 * dead-lettered (dead_at) for an admin to see.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    deadAt: timestamp('dead_at', { withTimezone: true }),
  },
  (table) => [
    index('outbox_dead_idx')
      .on(table.deadAt.desc())
      .where(sql`${table.deadAt} is not null`),
    index('outbox_unpublished_idx')
      .on(table.createdAt)
      .where(sql`${table.publishedAt} is null`),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
