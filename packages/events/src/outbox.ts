import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Postgres channel the relay listens on, so an event leaves as soon as its transaction commits. */
export const OUTBOX_CHANNEL = 'shopgraph_outbox';

/**
 * The outbox table, for a service's drizzle schema: events are rows written in the same
 * transaction as the change they describe, and a relay publishes them afterwards.
 */
export function outboxTable() {
  return pgTable(
    'outbox',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      topic: text('topic').notNull(),
      payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      publishedAt: timestamp('published_at', { withTimezone: true }),
    },
    (table) => [
      index('outbox_unpublished_idx')
        .on(table.id)
        .where(sql`${table.publishedAt} is null`),
    ],
  );
}

/** What `writeOutboxEvent` needs of a drizzle transaction. */
export interface OutboxWriter {
  execute(query: ReturnType<typeof sql>): PromiseLike<unknown>;
}

/**
 * Records an event inside the caller's transaction; it is published only if that transaction commits.
 * Its time (`occurredAt`) is the clock when the row is written, not the transaction's start
 * (`now()`): the event is written last, so that is the closest the database gets to the commit.
 */
export async function writeOutboxEvent(tx: OutboxWriter, topic: string, payload: Record<string, unknown>): Promise<void> {
  await tx.execute(sql`with written as (insert into outbox (topic, payload, created_at) values (${topic}, ${JSON.stringify(payload)}::jsonb, clock_timestamp()) returning id)
    select pg_notify(${OUTBOX_CHANNEL}, '') from written`);
}
