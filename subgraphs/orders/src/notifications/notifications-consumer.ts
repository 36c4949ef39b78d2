import { EventContracts, type DomainEvent, type EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { findHistoryByOrderIds } from '../db/queries/order-history';
import { findOrdersByIds } from '../db/queries/orders';
import { claimEvent } from '../db/queries/processed-events';
import { insertEmail, lockUnsentEmails, markEmailSent } from '../db/queries/emails';
import type { EmailSender } from './email-sender';
import { ORDER_EMAILS } from './order-emails';

/** The consumer group of every orders process: each status change is mailed by one of them. */
export const NOTIFICATIONS_GROUP = 'orders-notifications';

/** Test seam: runs after the email row is written, before the transaction commits (a crash there must leave no trace). */
export interface NotificationHooks {
  afterEffect?(event: DomainEvent): void | Promise<void>;
}

/**
 * Writes the email an OrderStatusChanged calls for into the email outbox. The event is claimed in
 * processed_events in the same transaction, so however often it is delivered, one email is written.
 */
export async function applyOrderStatusChanged(db: OrdersDb, event: DomainEvent, hooks: NotificationHooks = {}): Promise<void> {
  const change = EventContracts.OrderStatusChanged.parse(event.payload);
  await db.transaction(async (tx) => {
    if (!(await claimEvent(tx, NOTIFICATIONS_GROUP, event.id))) return;
    const template = ORDER_EMAILS[change.to as keyof typeof ORDER_EMAILS];
    const [order] = await findOrdersByIds(db, [change.orderId]);
    if (!template || !order?.contactEmail) return;
    const reason = (await findHistoryByOrderIds(db, [order.id])).find((entry) => entry.sequence === change.sequence)?.reason ?? null;
    await insertEmail(tx, {
      userId: order.userId,
      orderId: order.id,
      kind: template.kind,
      toAddress: order.contactEmail,
      subject: template.subject(order),
      body: template.body(order, reason),
    });
    await hooks.afterEffect?.(event);
  });
}

/** Hands unsent emails to the sender, oldest first; one that fails stays unsent for the next round. */
export async function sendPendingEmails(db: OrdersDb, sender: EmailSender, logger: Logger): Promise<void> {
  for (;;) {
    const { locked, sent } = await db.transaction(async (tx) => {
      const batch = await lockUnsentEmails(tx, 20);
      let delivered = 0;
      for (const email of batch) {
        try {
          await sender.send(email);
          await markEmailSent(tx, email.id);
          delivered += 1;
        } catch (error) {
          logger.warn({ err: error, emailId: email.id }, 'could not send an email; will retry');
        }
      }
      return { locked: batch.length, sent: delivered };
    });
    // A full batch all sent: there may be more. Anything else waits for the next event.
    if (locked < 20 || sent < locked) return;
  }
}

export function startNotificationsConsumer(
  db: OrdersDb,
  bus: EventBus,
  sender: EmailSender,
  logger: Logger,
  hooks: NotificationHooks = {},
): Promise<() => Promise<void>> {
  return bus.subscribe({
    topics: ['OrderStatusChanged'],
    group: NOTIFICATIONS_GROUP,
    handle: async (event) => {
      try {
        await applyOrderStatusChanged(db, event, hooks);
      } catch (error) {
        logger.warn({ err: error, eventId: event.id }, 'could not apply an order status change; it will be retried');
        throw error;
      }
      await sendPendingEmails(db, sender, logger).catch((error: unknown) => logger.warn({ err: error }, 'sending emails failed; will retry'));
    },
  });
}
