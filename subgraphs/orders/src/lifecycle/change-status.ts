import { GraphQLError } from 'graphql';
import { writeOutboxEvent, type EventPayload } from '@shopgraph/events';
import { ErrorCode, notFound } from '@shopgraph/server';
import type { OrdersDb, OrdersTx } from '../db/database';
import { insertStatusChange } from '../db/queries/order-history';
import { lockOrder, updateOrder, type OrderPatch } from '../db/queries/order-writes';
import type { OrderRow, OrderStatus } from '../db/schema';
import { canTransition } from './transitions';

export interface StatusChange {
  to: OrderStatus;
  actor: string;
  reason?: string | null;
  /** Other columns that change with the status (tracking number, amounts). */
  patch?: Omit<OrderPatch, 'status' | 'statusSequence'>;
  /** An order already in `to` is answered as it is instead of with CONFLICT (the payment flow, repeated). */
  repeatable?: boolean;
}

/**
 * Moves a locked order to another status if the machine allows it, in the caller's transaction:
 * the row, one history entry and the OrderStatusChanged event commit together or not at all.
 */
export async function applyStatusChange(tx: OrdersTx, order: OrderRow, change: StatusChange): Promise<OrderRow> {
  if (change.repeatable && order.status === change.to) return order;
  if (!canTransition(order.status, change.to)) {
    throw new GraphQLError(`An order that is ${order.status} cannot become ${change.to}`, { extensions: { code: ErrorCode.CONFLICT, status: order.status } });
  }
  const sequence = order.statusSequence + 1;
  const at = new Date();
  const updated = await updateOrder(tx, order.id, { ...change.patch, status: change.to, statusSequence: sequence, paymentLeaseUntil: null });
  await insertStatusChange(tx, {
    orderId: order.id,
    sequence,
    fromStatus: order.status,
    toStatus: change.to,
    actor: change.actor,
    reason: change.reason ?? null,
    at,
  });
  const event: EventPayload<'OrderStatusChanged'> = {
    orderId: order.id,
    userId: order.userId,
    from: order.status,
    to: change.to,
    sequence,
    at: at.toISOString(),
  };
  await writeOutboxEvent(tx, 'OrderStatusChanged', event);
  return updated;
}

/** Locks the order and applies the change in a transaction of its own. */
export function changeOrderStatus(db: OrdersDb, orderId: string, change: StatusChange): Promise<OrderRow> {
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order) throw notFound('No such order');
    return applyStatusChange(tx, order, change);
  });
}
