import { asc, inArray, lte, sql } from 'drizzle-orm';
import type { InventoryDb } from '../database';
import { stock, type StockRow } from '../schema';

export function findStockByProductIds(db: InventoryDb, productIds: readonly string[]): Promise<StockRow[]> {
  return db
    .select()
    .from(stock)
    .where(inArray(stock.productId, [...productIds]));
}

/** Rows whose available units are at or below their threshold, fewest first. */
export function findLowStock(db: InventoryDb, limit: number): Promise<StockRow[]> {
  const available = sql`${stock.onHand} - ${stock.reserved}`;
  return db.select().from(stock).where(lte(available, stock.lowStockThreshold)).orderBy(asc(available), asc(stock.productId)).limit(limit);
}
