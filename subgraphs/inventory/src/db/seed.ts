import { demoStock } from '@shopgraph/demo-data';
import type { InventoryDb } from './database';
import { stock } from './schema';

/** Loads stock for every demo product; existing rows are left alone, so it runs at every start. */
export async function seedInventory(db: InventoryDb): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(stock)
      .values([...demoStock])
      .onConflictDoNothing();
  });
}
