import { demoOrders } from '@shopgraph/demo-data';
import type { OrdersDb } from './database';
import { orderItems, orders } from './schema';

/** Loads the demo order history; existing orders are left alone, so it runs at every start. */
export async function seedOrders(db: OrdersDb): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = demoOrders.map(({ items, ...order }) => ({
      ...order,
      totalCents: items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0),
    }));
    await tx.insert(orders).values(rows).onConflictDoNothing();
    const items = demoOrders.flatMap((order) => order.items.map((item, position) => ({ ...item, orderId: order.id, position })));
    await tx.insert(orderItems).values(items).onConflictDoNothing();
  });
}
