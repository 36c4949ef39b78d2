import type { EventPayload } from '@shopgraph/events';
import type { AnalyticsTx } from '../database';
import { orderFacts, orderLineFacts, orderStatusFacts, processedEvents, ratingFacts, stockFacts } from '../schema';

/**
 * Records an event as applied, in the transaction of its facts. False when it already was: the
 * caller then writes nothing, so a redelivered event changes nothing.
 */
export async function claimEvent(tx: AnalyticsTx, event: { id: string; topic: string; occurredAt: string }): Promise<boolean> {
  const rows = await tx
    .insert(processedEvents)
    .values({ eventId: event.id, topic: event.topic, occurredAt: new Date(event.occurredAt) })
    .onConflictDoNothing()
    .returning({ eventId: processedEvents.eventId });
  return rows.length === 1;
}

/** The order and its lines; `categories` maps each product to its category (absent: unknown product). */
export async function insertOrderFacts(tx: AnalyticsTx, order: EventPayload<'OrderCreated'>, categories: ReadonlyMap<string, string>): Promise<void> {
  await tx
    .insert(orderFacts)
    .values({ orderId: order.orderId, userId: order.userId, totalCents: order.totalCents, currency: order.currency, placedAt: new Date(order.at) })
    .onConflictDoNothing();
  if (order.items.length === 0) return;
  await tx
    .insert(orderLineFacts)
    .values(
      order.items.map((item, position) => ({
        orderId: order.orderId,
        position,
        productId: item.productId,
        categoryId: categories.get(item.productId) ?? null,
        quantity: item.quantity,
        unitPriceCents: item.unitPriceCents,
      })),
    )
    .onConflictDoNothing();
}

export async function insertStatusFact(tx: AnalyticsTx, change: EventPayload<'OrderStatusChanged'>): Promise<void> {
  await tx
    .insert(orderStatusFacts)
    .values({ orderId: change.orderId, sequence: change.sequence, fromStatus: change.from, toStatus: change.to, at: new Date(change.at) })
    .onConflictDoNothing();
}

export async function insertStockFact(tx: AnalyticsTx, stock: EventPayload<'StockChanged'>, at: Date): Promise<void> {
  await tx.insert(stockFacts).values({ productId: stock.productId, version: stock.version, available: stock.available, at }).onConflictDoNothing();
}

export async function insertRatingFact(tx: AnalyticsTx, rating: EventPayload<'RatingChanged'>, at: Date): Promise<void> {
  await tx
    .insert(ratingFacts)
    .values({ productId: rating.productId, version: rating.version, count: rating.count, average: rating.average, at })
    .onConflictDoNothing();
}
