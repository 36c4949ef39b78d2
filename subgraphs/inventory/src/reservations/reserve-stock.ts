import { GraphQLError } from 'graphql';
import { isUniqueViolation } from '@shopgraph/db';
import { ErrorCode } from '@shopgraph/server';
import type { InventoryDb } from '../db/database';
import { findReservationItems, holdUnits, insertReservation, lockReservation } from '../db/queries/reservations';
import type { ReservationRow } from '../db/schema';
import { recordStockChanged } from '../db/queries/stock-events';

export interface OutOfStockResult {
  productIds: string[];
}

export const DEFAULT_RESERVATION_TTL_SECONDS = 15 * 60;

class ShortOfStock extends Error {
  constructor(readonly productIds: string[]) {
    super('short of stock');
  }
}

const sameItems = (a: readonly { productId: string; quantity: number }[], b: readonly { productId: string; quantity: number }[]) =>
  a.length === b.length && a.every((item, index) => item.productId === b[index]!.productId && item.quantity === b[index]!.quantity);

/** One line per product (quantities of repeated products added), in product order so locks never cross. */
export function normalizeItems(items: readonly { productId: string; quantity: number }[]) {
  const byProduct = new Map<string, number>();
  for (const item of items) byProduct.set(item.productId, (byProduct.get(item.productId) ?? 0) + item.quantity);
  return [...byProduct.entries()].map(([productId, quantity]) => ({ productId, quantity })).sort((a, b) => a.productId.localeCompare(b.productId));
}

/**
 * Holds every item for the order or none. Each hold is a conditional update, so however many
 * reservations race, no product ever has more held than it has on hand. The same order with the
 * same items again returns its reservation; with other items it is a CONFLICT.
 */
export async function reserveStock(
  db: InventoryDb,
  orderId: string,
  requested: readonly { productId: string; quantity: number }[],
  ttlSeconds: number,
  retried = false,
): Promise<ReservationRow | OutOfStockResult> {
  const items = normalizeItems(requested);
  try {
    return await db.transaction(async (tx) => {
      const existing = await lockReservation(tx, orderId);
      if (existing) {
        const held = (await findReservationItems(tx, [orderId])).map(({ productId, quantity }) => ({ productId, quantity }));
        if (!sameItems(held, items)) throw new GraphQLError('This order already holds other items', { extensions: { code: ErrorCode.CONFLICT } });
        return existing;
      }
      const short: string[] = [];
      for (const item of items) if (!(await holdUnits(tx, item.productId, item.quantity))) short.push(item.productId);
      // Throwing rolls back the holds that did succeed: all or nothing.
      if (short.length > 0) throw new ShortOfStock(short);
      await recordStockChanged(
        tx,
        items.map((item) => item.productId),
      );
      return insertReservation(tx, orderId, new Date(Date.now() + ttlSeconds * 1000), items);
    });
  } catch (error) {
    if (error instanceof ShortOfStock) return { productIds: error.productIds };
    // The same order reserved at the same moment by another request: answer as a repeat.
    if (!retried && isUniqueViolation(error)) return reserveStock(db, orderId, requested, ttlSeconds, true);
    throw error;
  }
}
