import { sql } from 'drizzle-orm';
import { jsonInsert } from '@shopgraph/db';
import { DEMO_ADMIN_EMAIL, demoStock, demoStockMovements, demoUsers } from '@shopgraph/demo-data';
import type { InventoryDb } from './database';
import { stock, stockAdjustments } from './schema';

/**
 * Loads stock for every demo product and the year of movements that led to it (as adjustments by
 * the demo admin), each product at the version of its last movement, so its next StockChanged
 * follows the history analytics seeds. Products already stocked are left alone, with their
 * movements, so it runs at every start.
 */
export async function seedInventory(db: InventoryDb): Promise<void> {
  const admin = demoUsers.find((user) => user.email === DEMO_ADMIN_EMAIL)!;
  const last = new Map(demoStockMovements.map((movement) => [movement.productId, movement]));
  await db.transaction(async (tx) => {
    const rows = demoStock.map((row) => ({ ...row, version: last.get(row.productId)?.version ?? 0, updatedAt: last.get(row.productId)?.at ?? new Date() }));
    // One statement each (jsonInsert): a year of movements is a few thousand rows.
    const inserted = new Set(
      (await tx.execute<{ product_id: string }>(sql`${jsonInsert(stock, rows)} on conflict do nothing returning product_id`)).map((row) => row.product_id),
    );
    const movements = demoStockMovements
      .filter((movement) => inserted.has(movement.productId))
      .map((movement) => ({
        id: movement.id,
        productId: movement.productId,
        delta: movement.delta,
        reason: movement.reason,
        actorId: admin.id,
        createdAt: movement.at,
      }));
    if (movements.length > 0) await tx.execute(jsonInsert(stockAdjustments, movements));
  });
}
