import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { OrdersDb } from '../database';
import { orders, type OrderRow } from '../schema';

export function findOrdersByIds(db: OrdersDb, ids: readonly string[]): Promise<OrderRow[]> {
  return db.select().from(orders).where(inArray(orders.id, [...ids]));
}

/** The newest `first` orders of each user, for a whole batch of users in one statement. */
export async function findFirstOrdersPerUser(db: OrdersDb, userIds: readonly string[], first: number): Promise<OrderRow[]> {
  const ranked = db
    .select({
      id: orders.id,
      rank: sql<number>`row_number() over (partition by ${orders.userId} order by ${orders.createdAt} desc, ${orders.id} desc)`.as('rank'),
    })
    .from(orders)
    .where(inArray(orders.userId, [...userIds]))
    .as('ranked');
  const rows = await db
    .select({ order: orders })
    .from(orders)
    .innerJoin(ranked, eq(ranked.id, orders.id))
    .where(sql`${ranked.rank} <= ${first}`)
    .orderBy(desc(orders.createdAt), desc(orders.id));
  return rows.map((row) => row.order);
}
