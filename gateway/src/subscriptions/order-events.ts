import { z } from 'zod';
import type { CursoredEvent } from '@shopgraph/events';

/** The topic orders writes status changes to (through its outbox and the event bus). */
export const ORDER_STATUS_TOPIC = 'OrderStatusChanged';

const orderStatusChanged = z.object({
  orderId: z.string(),
  userId: z.string(),
  from: z.string().nullable().optional(),
  to: z.string(),
  at: z.string(),
});

/** What a subscription resolves an event from: the order is fetched per subscriber, through the planner. */
export interface OrderStatusEventSource {
  cursor: string;
  orderId: string;
  userId: string;
  previousStatus: string | null;
  status: string;
  at: string;
}

// Every subscriber's filter sees the same entry object: parse it once, not once per subscriber.
const decoded = new WeakMap<CursoredEvent, OrderStatusEventSource | null>();

/** The event as subscriptions see it, or null when it is not a well-formed status change. */
export function toOrderStatusEvent(entry: CursoredEvent): OrderStatusEventSource | null {
  if (decoded.has(entry)) return decoded.get(entry)!;
  const parsed = orderStatusChanged.safeParse(entry.event.payload);
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
