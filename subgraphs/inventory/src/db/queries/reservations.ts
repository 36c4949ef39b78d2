import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { InventoryDb, InventoryTx } from '../database';
import { reservationItems, reservations, stock, stockAdjustments, type ReservationItemRow, type ReservationRow, type StockAdjustmentRow } from '../schema';

export async function lockReservation(tx: InventoryTx, orderId: string): Promise<ReservationRow | null> {
  const [row] = await tx.select().from(reservations).where(eq(reservations.orderId, orderId)).for('update').limit(1);
  return row ?? null;
}

export function findReservationItems(db: InventoryDb | InventoryTx, orderIds: readonly string[]): Promise<ReservationItemRow[]> {
  return db
    .select()
    .from(reservationItems)
    .where(inArray(reservationItems.orderId, [...orderIds]))
    .orderBy(asc(reservationItems.productId));
}

/**
 * Holds `quantity` units if that many are available, in one conditional statement: concurrent
 * holders serialize on the row and none can take more than is there. False when short.
 */
export async function holdUnits(tx: InventoryTx, productId: string, quantity: number): Promise<boolean> {
  const rows = await tx
    .update(stock)
    .set({ reserved: sql`${stock.reserved} + ${quantity}`, updatedAt: new Date() })
    .where(and(eq(stock.productId, productId), sql`${stock.onHand} - ${stock.reserved} >= ${quantity}`))
    .returning({ productId: stock.productId });
  return rows.length === 1;
}

/** Held units leave the stock: the order was paid. */
export async function takeHeldUnits(tx: InventoryTx, productId: string, quantity: number): Promise<void> {
  await tx
    .update(stock)
    .set({ onHand: sql`${stock.onHand} - ${quantity}`, reserved: sql`${stock.reserved} - ${quantity}`, updatedAt: new Date() })
    .where(eq(stock.productId, productId));
}

export async function unholdUnits(tx: InventoryTx, productId: string, quantity: number): Promise<void> {
  await tx
    .update(stock)
    .set({ reserved: sql`${stock.reserved} - ${quantity}`, updatedAt: new Date() })
    .where(eq(stock.productId, productId));
}

/** Units that had left the stock come back (a paid order was cancelled). */
export async function returnUnits(tx: InventoryTx, productId: string, quantity: number): Promise<void> {
  await tx
    .update(stock)
    .set({ onHand: sql`${stock.onHand} + ${quantity}`, updatedAt: new Date() })
    .where(eq(stock.productId, productId));
}

export async function insertReservation(
  tx: InventoryTx,
  orderId: string,
  expiresAt: Date,
  items: readonly { productId: string; quantity: number }[],
): Promise<ReservationRow> {
  const [row] = await tx.insert(reservations).values({ orderId, expiresAt }).returning();
  await tx.insert(reservationItems).values(items.map((item) => ({ orderId, ...item })));
  return row!;
}

export async function setReservationStatus(tx: InventoryTx, orderId: string, status: ReservationRow['status']): Promise<ReservationRow> {
  const [row] = await tx.update(reservations).set({ status, updatedAt: new Date() }).where(eq(reservations.orderId, orderId)).returning();
  return row!;
}

/** Orders whose hold has run out, oldest first, skipping ones another process is already releasing. */
export async function lockExpiredHolds(tx: InventoryTx, limit: number): Promise<ReservationRow[]> {
  return tx
    .select()
    .from(reservations)
    .where(and(eq(reservations.status, 'HELD'), lt(reservations.expiresAt, new Date())))
    .orderBy(asc(reservations.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Adds `delta` units on hand, never below what is reserved; false when that would happen. */
export async function applyAdjustment(tx: InventoryTx, productId: string, delta: number): Promise<boolean> {
  const rows = await tx
    .update(stock)
    .set({ onHand: sql`${stock.onHand} + ${delta}`, updatedAt: new Date() })
    .where(and(eq(stock.productId, productId), sql`${stock.onHand} + ${delta} >= ${stock.reserved}`))
    .returning({ productId: stock.productId });
  return rows.length === 1;
}

export async function ensureStockRow(tx: InventoryTx, productId: string): Promise<void> {
  await tx.insert(stock).values({ productId, onHand: 0 }).onConflictDoNothing();
}

export async function insertAdjustment(tx: InventoryTx, row: Omit<StockAdjustmentRow, 'id' | 'createdAt'>): Promise<StockAdjustmentRow> {
  const [inserted] = await tx.insert(stockAdjustments).values(row).returning();
  return inserted!;
}

export async function setThreshold(db: InventoryDb, productId: string, threshold: number): Promise<boolean> {
  const rows = await db
    .update(stock)
    .set({ lowStockThreshold: threshold, updatedAt: new Date() })
    .where(eq(stock.productId, productId))
    .returning({ productId: stock.productId });
  return rows.length === 1;
}
