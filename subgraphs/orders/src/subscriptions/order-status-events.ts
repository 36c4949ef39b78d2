import { EventContracts, type CursoredEvent } from '@shopgraph/events';
import type { SubscriptionScope } from '@shopgraph/subscriptions';

/** The topic orders writes status changes to (through its outbox and the event bus). */
export const ORDER_STATUS_TOPIC = 'OrderStatusChanged';

/** What an OrderStatusEvent resolves from: the order itself is read per event, as it is now. */
export interface OrderStatusEventSource {
  cursor: string;
  orderId: string;
  userId: string;
  previousStatus: string | null;
  status: string;
  at: string;
}

// Every subscription's filter sees the same entry object: parse it once, not once per subscription.
const decoded = new WeakMap<CursoredEvent, OrderStatusEventSource | null>();

/** The event as subscriptions see it, or null when it is not a well-formed status change. */
export function toOrderStatusEvent(entry: CursoredEvent): OrderStatusEventSource | null {
  if (decoded.has(entry)) return decoded.get(entry)!;
  const parsed = EventContracts.OrderStatusChanged.pick({ orderId: true, userId: true, from: true, to: true, at: true }).safeParse(entry.event.payload);
  const event = parsed.success
    ? {
        cursor: entry.cursor,
        orderId: parsed.data.orderId,
        userId: parsed.data.userId,
        previousStatus: parsed.data.from ?? null,
        status: parsed.data.to,
        at: parsed.data.at,
      }
    : null;
  decoded.set(entry, event);
  return event;
}

/** The status events of a topic that `keep` accepts, through the subscription's scope (resume, slow consumers). */
export function orderStatusEvents(
  subscriptions: SubscriptionScope,
  after: string | undefined,
  keep: (event: OrderStatusEventSource) => boolean,
): AsyncIterableIterator<OrderStatusEventSource> {
  return subscriptions.events(ORDER_STATUS_TOPIC, after, (entry) => {
    const event = toOrderStatusEvent(entry);
    return event && keep(event) ? event : null;
  });
}
