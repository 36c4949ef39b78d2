import type { Logger } from '@shopgraph/logging';
import type { Dispatcher } from './dispatcher';

/** What wakeOnNotify needs of a postgres.js client: its `listen`, which holds a connection of its own. */
export interface NotificationChannelClient {
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<{ unlisten(): Promise<unknown> }>;
}

/**
 * Wakes a dispatcher whenever a transaction that wrote `NOTIFY channel` commits, in this process
 * or in any other replica on the same database, so a notification leaves right after the commit
 * instead of at the next poll. Also wakes it each time the listening connection comes back, since
 * what was notified while it was away is not delivered again. When Postgres cannot be listened to
 * at start, the poll alone remains (logged). Returns how to stop listening.
 */
export async function wakeOnNotify(
  client: NotificationChannelClient,
  channel: string,
  dispatcher: Pick<Dispatcher, 'wake'>,
  logger: Logger,
): Promise<() => Promise<void>> {
  try {
    const listening = await client.listen(
      channel,
      () => dispatcher.wake(),
      () => dispatcher.wake(),
    );
    return async () => {
      await listening.unlisten().catch((error: unknown) => logger.debug({ err: error }, 'unlisten failed (the connection is gone)'));
    };
  } catch (error) {
    logger.warn({ err: error, channel }, 'cannot listen for new notifications; they leave at the next poll');
    return async () => {};
  }
}
