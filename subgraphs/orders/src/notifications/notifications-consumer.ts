import { EventContracts, type DomainEvent, type EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { findHistoryByOrderIds } from '../db/queries/order-history';
import { findOrdersByIds } from '../db/queries/orders';
import { claimEvent } from '../db/queries/processed-events';
import { insertEmail } from '../db/queries/emails';
import { insertTextMessage } from '../db/queries/text-messages';
import { ORDER_EMAILS } from './order-emails';
import { SHIPPING_TEXTS } from './shipping-texts';

/** The consumer group of every orders process: each status change is mailed by one of them. */
export const NOTIFICATIONS_GROUP = 'orders-notifications';

export interface NotificationHooks {
  /** Test seam: runs after the outbox rows are written, before the transaction commits (a crash there must leave no trace). */
  afterEffect?(event: DomainEvent): void | Promise<void>;
  /** The customer's opted-in phone number (users' profile); absent or null: no SMS. */
  smsPhoneOf?(userId: string): Promise<string | null>;
}

/**
 * Writes the email (and, for shipping updates to a customer with a phone number, the SMS) an
 * OrderStatusChanged calls for into the outboxes. The event is claimed in processed_events in the
 * same transaction, so however often it is delivered, one email is written.
 */
export async function applyOrderStatusChanged(db: OrdersDb, event: DomainEvent, hooks: NotificationHooks = {}, logger?: Logger): Promise<void> {
  const change = EventContracts.OrderStatusChanged.parse(event.payload);
  const email = ORDER_EMAILS[change.to as keyof typeof ORDER_EMAILS];
  const text = SHIPPING_TEXTS[change.to as keyof typeof SHIPPING_TEXTS];
  const [order] = await findOrdersByIds(db, [change.orderId]);
  const phone = text && order ? await optedInPhone(order.userId, hooks, logger) : null;
  await db.transaction(async (tx) => {
    if (!(await claimEvent(tx, NOTIFICATIONS_GROUP, event.id))) return;
    if (!order) return;
    if (email && order.contactEmail) {
      const reason = (await findHistoryByOrderIds(db, [order.id])).find((entry) => entry.sequence === change.sequence)?.reason ?? null;
      const rendered = email.render(order, reason);
      await insertEmail(tx, {
        userId: order.userId,
        orderId: order.id,
        kind: email.kind,
        toAddress: order.contactEmail,
        subject: rendered.subject,
        body: rendered.text,
        html: rendered.html,
        eventId: event.id,
      });
    }
    if (text && phone)
      await insertTextMessage(tx, { userId: order.userId, orderId: order.id, kind: text.kind, toPhone: phone, body: text.body(order), eventId: event.id });
    await hooks.afterEffect?.(event);
  });
}

/**
 * Asked before the transaction, so a slow users subgraph does not hold the claim's lock. A failure
 * skips this SMS rather than failing the event: the bus would dead-letter it after its few
 * retries, and the email with it.
 */
async function optedInPhone(userId: string, hooks: NotificationHooks, logger: Logger | undefined): Promise<string | null> {
  try {
    return (await hooks.smsPhoneOf?.(userId)) ?? null;
  } catch (error) {
    logger?.warn({ err: error, userId }, 'could not ask users for the phone number; this shipping update goes by email only');
    return null;
  }
}

/** Turns status changes into outbox rows, then wakes the dispatchers that deliver them. */
export function startNotificationsConsumer(
  db: OrdersDb,
  bus: EventBus,
  logger: Logger,
  options: { hooks?: NotificationHooks; written(): void },
): Promise<() => Promise<void>> {
  return bus.subscribe({
    topics: ['OrderStatusChanged'],
    group: NOTIFICATIONS_GROUP,
    handle: async (event) => {
      try {
        await applyOrderStatusChanged(db, event, options.hooks, logger);
      } catch (error) {
        logger.warn({ err: error, eventId: event.id }, 'could not apply an order status change; it will be retried');
        throw error;
      }
      options.written();
    },
  });
}
