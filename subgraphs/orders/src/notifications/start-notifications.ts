import { emailTransportFor, startDispatcher, type EmailTransport, type NotificationsEnv, type SmsProvider } from '@shopgraph/notifications';
import type { EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { deliverDueEmails } from './email-dispatch';
import { startNotificationsConsumer, type NotificationHooks } from './notifications-consumer';
import { deliverDueTextMessages } from './sms-dispatch';

export interface OrderNotificationsOptions {
  db: OrdersDb;
  bus: EventBus;
  logger: Logger;
  settings: NotificationsEnv;
  sms: SmsProvider;
  /** Default: SMTP when SMTP_URL is set, else logged (devMailbox). */
  emailTransport?: EmailTransport;
  hooks?: NotificationHooks;
}

/** The consumer that fills the email and SMS outboxes and the two dispatchers that empty them; returns their stop. */
export async function startOrderNotifications(options: OrderNotificationsOptions): Promise<() => Promise<void>> {
  const { db, settings } = options;
  const logger = options.logger.child({ job: 'notifications' });
  const transport = options.emailTransport ?? emailTransportFor(settings, logger);
  const emails = startDispatcher({ deliverDue: () => deliverDueEmails(db, transport, settings, logger), pollMs: settings.NOTIFICATIONS_POLL_MS, logger });
  const texts = startDispatcher({
    deliverDue: () => deliverDueTextMessages(db, options.sms, settings, logger),
    pollMs: settings.NOTIFICATIONS_POLL_MS,
    logger,
  });
  const stopConsumer = await startNotificationsConsumer(db, options.bus, logger, {
    hooks: options.hooks,
    written: () => {
      emails.wake();
      texts.wake();
    },
  });
  return async () => {
    await stopConsumer();
    await Promise.all([emails.stop(), texts.stop()]);
    transport.close?.();
  };
}
