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

/** The event as subscriptions see it, or null when it is not a well-formed status change. */
export function toOrderStatusEvent(entry: CursoredEvent): OrderStatusEventSource | null {
  const parsed = orderStatusChanged.safeParse(entry.event.payload);
  if (!parsed.success) return null;
  const { orderId, userId, from, to, at } = parsed.data;
  return { cursor: entry.cursor, orderId, userId, previousStatus: from ?? null, status: to, at };
}
