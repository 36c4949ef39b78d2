import { listenToChannel, type NotificationChannelClient } from '@shopgraph/db';
import type { Logger } from '@shopgraph/logging';
import type { Dispatcher } from './dispatcher';

export type { NotificationChannelClient };

/**
 * Wakes a dispatcher whenever a transaction that wrote `NOTIFY channel` commits, in this process
 * or in any other replica on the same database, so a notification leaves right after the commit
 * instead of at the next poll. Also wakes it each time the listening connection comes back, since
 * what was notified while it was away is not delivered again. When Postgres cannot be listened to
 * at start, the poll alone remains (logged). Returns how to stop listening (never rejects).
 */
export async function wakeOnNotify(
  client: NotificationChannelClient,
  channel: string,
  dispatcher: Pick<Dispatcher, 'wake'>,
  logger: Logger,
): Promise<() => Promise<void>> {
  const wake = () => dispatcher.wake();
  try {
    return await listenToChannel(client, channel, { onNotify: wake, onListen: wake }, logger);
  } catch (error) {
    logger.warn({ err: error, channel }, 'cannot listen for new notifications; they leave at the next poll');
    return async () => {};
  }
}
