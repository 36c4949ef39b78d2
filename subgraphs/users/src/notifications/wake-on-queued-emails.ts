import type { Logger } from '@shopgraph/logging';
import { wakeOnNotify, type Dispatcher, type NotificationChannelClient } from '@shopgraph/notifications';
import type { UsersDb } from '../db/database';
import { EMAIL_CHANNEL } from '../db/queries/email-outbox';

/**
 * Wakes the email dispatcher as soon as any replica commits a queued email (enqueueEmailEvent
 * notifies EMAIL_CHANNEL), over a listening connection of the pool's own client.
 */
export function wakeOnQueuedEmails(db: UsersDb, dispatcher: Pick<Dispatcher, 'wake'>, logger: Logger): Promise<() => Promise<void>> {
  // drizzle(sql) keeps its postgres.js client as $client; its PostgresJsDatabase type leaves it out.
  const client = (db as UsersDb & { $client: NotificationChannelClient }).$client;
  return wakeOnNotify(client, EMAIL_CHANNEL, dispatcher, logger);
}
