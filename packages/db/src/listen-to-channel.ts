import type { Logger } from '@shopgraph/logging';
import { waitAtMost } from './wait-at-most';

/** What listenToChannel needs of a postgres.js client: its `listen`, which holds a connection of its own. */
export interface NotificationChannelClient {
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<{ unlisten(): Promise<unknown> }>;
}

export interface ChannelHandlers {
  /** Called for each `NOTIFY channel` committed by any session on the database. */
  onNotify(): void;
  /**
   * Called once listening, and again each time the listening connection comes back (postgres.js
   * listens again by itself): what was notified while it was away is not delivered again.
   */
  onListen?(): void;
}

/**
 * How long stopping waits for UNLISTEN. With PostgreSQL gone, UNLISTEN fails or waits on a
 * reconnect; either way the caller ends its pool next, which closes the listening connection.
 */
const UNLISTEN_WAIT_MS = 1_000;

/**
 * LISTENs on `channel`; rejects when that first LISTEN fails (the caller decides whether polling
 * alone will do). Returns how to stop listening, which never rejects and returns within about a
 * second even when PostgreSQL is gone, so that a shutdown always goes on to end its pool.
 */
export async function listenToChannel(
  client: NotificationChannelClient,
  channel: string,
  handlers: ChannelHandlers,
  logger: Logger,
): Promise<() => Promise<void>> {
  const listening = await client.listen(
    channel,
    () => handlers.onNotify(),
    () => handlers.onListen?.(),
  );
  return async () => {
    const unlistened = listening.unlisten().catch((error: unknown) => logger.debug({ err: error, channel }, 'unlisten failed (the connection is gone)'));
    await waitAtMost(UNLISTEN_WAIT_MS, unlistened);
  };
}
