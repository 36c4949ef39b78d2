import { and, eq, lt } from 'drizzle-orm';
import type { ProductsDb, ProductsTx } from '../database';
import { productSignals } from '../schema';

/** Applies inventory's count if it is newer than the one held; replays and late arrivals change nothing. */
export async function applyAvailableUnits(db: ProductsDb, productId: string, available: number, version: number): Promise<boolean> {
  const rows = await db
    .update(productSignals)
    .set({ available, stockVersion: version, updatedAt: new Date() })
    .where(and(eq(productSignals.productId, productId), lt(productSignals.stockVersion, version)))
    .returning({ productId: productSignals.productId });
  return rows.length === 1;
}

/** Applies reviews' rating if it is newer than the one held. */
export async function applyRating(db: ProductsDb, productId: string, average: number | null, count: number, version: number): Promise<boolean> {
  const rows = await db
    .update(productSignals)
    .set({ ratingAverage: average, ratingCount: count, ratingVersion: version, updatedAt: new Date() })
    .where(and(eq(productSignals.productId, productId), lt(productSignals.ratingVersion, version)))
    .returning({ productId: productSignals.productId });
  return rows.length === 1;
}

/** A new product starts with no units and no rating until inventory and reviews say otherwise. */
export async function insertEmptySignals(tx: ProductsTx, productId: string): Promise<void> {
  await tx.insert(productSignals).values({ productId }).onConflictDoNothing();
}
