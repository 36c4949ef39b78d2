import postgres from 'postgres';
import { listenToChannel, reconnectDelaySeconds, waitAtMost } from '@shopgraph/db';
import type { Logger } from '@shopgraph/logging';
import type { DomainEvent, EventBus } from './event-bus';
import { OUTBOX_CHANNEL } from './outbox';

export interface OutboxRelayOptions {
  /** The service's own database; the relay opens one connection of its own to it. */
  databaseUrl: string;
  /** The service name, the source of every event it relays. */
  source: string;
  bus: EventBus;
  logger: Logger;
  /** Milliseconds between polls when no commit notified the relay (default 1000). */
  pollIntervalMs?: number;
}

interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

const BATCH_SIZE = 100;

/**
 * How long a stop waits for the relay's last pass before ending its pool. With PostgreSQL up the
 * pass takes milliseconds; with PostgreSQL gone it fails, or waits on a reconnect that ending the
 * pool then fails.
 */
const LAST_PASS_WAIT_MS = 2_000;

/** Seconds sql.end gives a batch still in flight after LAST_PASS_WAIT_MS before its connection is destroyed. */
const END_TIMEOUT_SECONDS = 5;

/**
 * Publishes committed outbox rows to the event bus, oldest first, and marks them published in the
 * same transaction that locked them. A crash between publish and commit publishes a batch again:
 * delivery is at least once, and consumers de-duplicate on the event id.
 *
 * Returns how to stop it. The stop runs a last pass first, so what was committed before the stop
 * is published; then it ends the relay's connections and resolves, in bounded time, even when
 * PostgreSQL is already gone (what the last pass could not publish, the next start publishes).
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<() => Promise<void>> {
  // Reconnects as the service pools do: events published within a second of PostgreSQL's return.
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {}, backoff: reconnectDelaySeconds });
  let stopped = false;
  let wake: (() => void) | undefined;
  // A commit that lands while a batch is running must not wait for the next poll.
  let notified = false;
  const stopListening = await listenToChannel(
    sql,
    OUTBOX_CHANNEL,
    {
      onNotify: () => {
        notified = true;
        wake?.();
      },
    },
    options.logger,
  ).catch(async (error: unknown) => {
    await sql.end({ timeout: END_TIMEOUT_SECONDS });
    throw error;
  });

  const relayBatch = () =>
    sql.begin(async (tx) => {
      const rows = await tx<
        OutboxRow[]
      >`select id::text, topic, payload, created_at from outbox where published_at is null order by id limit ${BATCH_SIZE} for update skip locked`;
      if (rows.length === 0) return 0;
      const events: DomainEvent[] = rows.map((row) => ({
        id: `${options.source}:${row.id}`,
        topic: row.topic,
        source: options.source,
        occurredAt: row.created_at.toISOString(),
        payload: row.payload,
      }));
      await options.bus.publish(events);
      await tx`update outbox set published_at = now() where id = any(${rows.map((row) => row.id)}::bigint[])`;
      return rows.length;
    });

  /** Relays batches until one is not full: everything committed before the pass began is published. */
  const relayPass = async () => {
    let relayed: number;
    do relayed = await relayBatch();
    while (relayed === BATCH_SIZE);
  };

  const loop = (async () => {
    while (!stopped) {
      notified = false;
      let failed = false;
      try {
        await relayPass();
      } catch (error) {
        failed = true;
        options.logger.warn({ err: error }, 'outbox relay could not publish; will retry');
      }
      if ((notified && !failed) || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.pollIntervalMs ?? 1_000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    // Begun after the stop, so a commit whose notification had not arrived yet is published too.
    await relayPass().catch((error: unknown) =>
      options.logger.info({ err: error }, 'outbox relay stopped without its last pass; what is left in the outbox is published at the next start'),
    );
  })();

  return async () => {
    stopped = true;
    wake?.();
    const settled = await waitAtMost(LAST_PASS_WAIT_MS, loop);
    await stopListening();
    // With the loop settled nothing is in flight, so the connections go at once: postgres.js would
    // wait out the timeout for a connection that PostgreSQL dropped in the middle of a query.
    await sql.end({ timeout: settled ? 0 : END_TIMEOUT_SECONDS });
    // Settled by now: ending the pool failed whatever the last pass still waited on.
    await loop;
  };
}
