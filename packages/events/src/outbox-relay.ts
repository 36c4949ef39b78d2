import postgres from 'postgres';
import { reconnectDelaySeconds } from '@shopgraph/db';
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

/**
 * Publishes committed outbox rows to the event bus, oldest first, and marks them published in the
 * same transaction that locked them. A crash between publish and commit publishes a batch again:
 * delivery is at least once, and consumers de-duplicate on the event id.
 */
export async function startOutboxRelay(options: OutboxRelayOptions): Promise<() => Promise<void>> {
  // Reconnects as the service pools do: events published within a second of PostgreSQL's return.
  const sql = postgres(options.databaseUrl, { max: 2, onnotice: () => {}, backoff: reconnectDelaySeconds });
  let stopped = false;
  let wake: (() => void) | undefined;
  // A commit that lands while a batch is running must not wait for the next poll.
  let notified = false;
  const listener = await sql.listen(OUTBOX_CHANNEL, () => {
    notified = true;
    wake?.();
  });

  const relayBatch = () =>
    sql.begin(async (tx) => {
      const rows = await tx<
        OutboxRow[]
      >`select id::text, topic, payload, created_at from outbox where published_at is null order by id limit 100 for update skip locked`;
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

  const loop = (async () => {
    while (!stopped) {
      notified = false;
      let failed = false;
      try {
        if ((await relayBatch()) === 100) continue;
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
  })();

  return async () => {
    stopped = true;
    wake?.();
    await loop;
    await listener.unlisten();
    await sql.end({ timeout: 5 });
  };
}
