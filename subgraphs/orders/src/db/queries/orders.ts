import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { OrdersDb } from '../database';
import { orders, type OrderRow, type OrderStatus } from '../schema';

export function findOrdersByIds(db: OrdersDb, ids: readonly string[]): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(inArray(orders.id, [...ids]));
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

export interface OrderPageQuery {
  /** One user's orders; null for everyone's (admins). */
  userId: string | null;
  statuses: readonly OrderStatus[] | null;
  /** The (createdAt, id) of the last order of the previous page. */
  after: { createdAt: Date; id: string } | null;
  /** Rows to fetch: the page size plus one, to tell whether there is a next page. */
  limit: number;
}

/** A page of orders, newest first, on a keyset cursor: stable while new orders arrive. */
export function findOrderPage(db: OrdersDb, query: OrderPageQuery): Promise<OrderRow[]> {
  const conditions: SQL[] = [];
  if (query.userId) conditions.push(eq(orders.userId, query.userId));
  if (query.statuses) conditions.push(inArray(orders.status, [...query.statuses]));
  if (query.after) {
    const { createdAt, id } = query.after;
    conditions.push(or(lt(orders.createdAt, createdAt), and(eq(orders.createdAt, createdAt), lt(orders.id, id)))!);
  }
  return db
    .select()
    .from(orders)
    .where(and(...conditions))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(query.limit);
}
