import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { EventPayload } from '@shopgraph/events';
import { jsonInsert } from '@shopgraph/db';
import type { AnalyticsTx } from '../database';
import { orderFacts, orderLineFacts, orderStatusFacts, processedEvents, ratingFacts, refundFacts, stockFacts } from '../schema';

/** Inserts the rows (in one statement, however many) that are not there yet. */
async function insertNew<TTable extends PgTable>(tx: AnalyticsTx, table: TTable, rows: readonly TTable['$inferInsert'][]): Promise<void> {
  if (rows.length > 0) await tx.execute(sql`${jsonInsert(table, rows)} on conflict do nothing`);
}

/**
 * Records events as applied, in the transaction of their facts, and returns the ids that were not
 * yet: the caller writes the facts of those only, so a redelivered event changes nothing.
 */
export async function claimEvents(tx: AnalyticsTx, events: readonly { id: string; topic: string; occurredAt: string }[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const rows = events.map((event) => ({ eventId: event.id, topic: event.topic, occurredAt: new Date(event.occurredAt) }));
  const claimed = await tx.execute<{ event_id: string }>(sql`${jsonInsert(processedEvents, rows)} on conflict do nothing returning event_id`);
  return new Set(claimed.map((row) => row.event_id));
}

/** Orders and their lines; `categories` maps each product to its category (absent: unknown product). */
export async function insertOrderFacts(
  tx: AnalyticsTx,
  orders: readonly EventPayload<'OrderCreated'>[],
  categories: ReadonlyMap<string, string>,
): Promise<void> {
  const rows = orders.map((order) => ({
    orderId: order.orderId,
    userId: order.userId,
    totalCents: order.totalCents,
    currency: order.currency,
    placedAt: new Date(order.at),
  }));
  await insertNew(tx, orderFacts, rows);
  const lines = orders.flatMap((order) =>
    order.items.map((item, position) => ({
      orderId: order.orderId,
      position,
      productId: item.productId,
      categoryId: categories.get(item.productId) ?? null,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
    })),
  );
  await insertNew(tx, orderLineFacts, lines);
}

export async function insertStatusFacts(tx: AnalyticsTx, changes: readonly EventPayload<'OrderStatusChanged'>[]): Promise<void> {
  const rows = changes.map((change) => ({
    orderId: change.orderId,
    sequence: change.sequence,
    fromStatus: change.from,
    toStatus: change.to,
    at: new Date(change.at),
  }));
  await insertNew(tx, orderStatusFacts, rows);
}

export async function insertRefundFacts(tx: AnalyticsTx, refunds: readonly EventPayload<'OrderRefunded'>[]): Promise<void> {
  const rows = refunds.map((refund) => ({
    orderId: refund.orderId,
    refundedTotalCents: refund.refundedTotalCents,
    amountCents: refund.amountCents,
    reason: refund.reason,
    at: new Date(refund.at),
  }));
  await insertNew(tx, refundFacts, rows);
}

export async function insertStockFacts(tx: AnalyticsTx, levels: readonly { stock: EventPayload<'StockChanged'>; at: Date }[]): Promise<void> {
  const rows = levels.map(({ stock, at }) => ({ productId: stock.productId, version: stock.version, available: stock.available, at }));
  await insertNew(tx, stockFacts, rows);
}

export async function insertRatingFacts(tx: AnalyticsTx, ratings: readonly { rating: EventPayload<'RatingChanged'>; at: Date }[]): Promise<void> {
  const rows = ratings.map(({ rating, at }) => ({ productId: rating.productId, version: rating.version, count: rating.count, average: rating.average, at }));
  await insertNew(tx, ratingFacts, rows);
}

/** Whether any event applied so far has an id starting with `prefix` (the demo history's). */
export async function hasDemoFacts(tx: AnalyticsTx, prefix: string): Promise<boolean> {
  const rows = await tx.execute<{ found: boolean }>(sql`select exists (select 1 from processed_events where starts_with(event_id, ${prefix})) as found`);
  return rows[0]?.found === true;
}
