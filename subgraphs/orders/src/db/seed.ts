import { sql } from 'drizzle-orm';
import { jsonInsert } from '@shopgraph/db';
import { demoOrders, type DemoOrder } from '@shopgraph/demo-data';
import type { OrdersDb, OrdersTx } from './database';
import { orderItems, orders, orderStatusHistory, payments, type OrderStatus } from './schema';

/** The lines, status history and provider calls of demo orders just inserted. */
async function insertOrderDetails(tx: OrdersTx, inserted: readonly DemoOrder[]): Promise<void> {
  const items = inserted.flatMap((order) => order.items.map((item, position) => ({ ...item, orderId: order.id, position })));
  await tx.execute(jsonInsert(orderItems, items));
  const history = inserted.flatMap((order) =>
    order.history.map((change) => ({
      orderId: order.id,
      sequence: change.sequence,
      fromStatus: change.from as OrderStatus | null,
      toStatus: change.to as OrderStatus,
      actor: 'system',
      reason: change.reason,
      at: change.at,
    })),
  );
  await tx.execute(jsonInsert(orderStatusHistory, history));
  const calls = inserted.flatMap((order) =>
    order.payments.map((payment) => ({
      orderId: order.id,
      operation: payment.operation,
      outcome: payment.outcome,
      amountCents: payment.amountCents,
      provider: 'simulated',
      providerReference: payment.reference,
      providerIdempotencyKey: payment.idempotencyKey,
      cardLast4: payment.operation === 'AUTHORIZE' ? (payment.outcome === 'DECLINED' ? '0002' : '4242') : null,
      message: payment.message,
      createdAt: payment.at,
    })),
  );
  if (calls.length > 0) await tx.execute(jsonInsert(payments, calls));
}

/**
 * Loads the year of demo orders with their status history, payments and refunds (no events:
 * analytics seeds the same history itself). Orders already there are left alone, and so are their
 * details, so it runs at every start.
 */
export async function seedOrders(db: OrdersDb): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = demoOrders.map((order) => ({
      id: order.id,
      userId: order.userId,
      status: order.status,
      currency: order.currency,
      totalCents: order.totalCents,
      createdAt: order.createdAt,
      statusSequence: order.history.length - 1,
      paidCents: order.paidCents,
      refundedCents: order.refundedCents,
      carrier: order.shipment?.carrier ?? null,
      trackingNumber: order.shipment?.trackingNumber ?? null,
    }));
    // One statement each (jsonInsert): a year of orders is a few thousand rows per table.
    const inserted = await tx.execute<{ id: string }>(sql`${jsonInsert(orders, rows)} on conflict do nothing returning id`);
    const ids = new Set(inserted.map((row) => row.id));
    if (ids.size === 0) return;
    await insertOrderDetails(
      tx,
      demoOrders.filter((order) => ids.has(order.id)),
    );
  });
}
