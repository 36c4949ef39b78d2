import { EventContracts } from '@shopgraph/events';
import { eventDecoder, type SubscriptionScope } from '@shopgraph/subscriptions';

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

/** The event as subscriptions see it, or null when it is not a well-formed status change. */
export const toOrderStatusEvent = eventDecoder(EventContracts.OrderStatusChanged, (payload, cursor): OrderStatusEventSource => ({
  cursor,
  orderId: payload.orderId,
  userId: payload.userId,
  previousStatus: payload.from ?? null,
  status: payload.to,
  at: payload.at,
}));

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
