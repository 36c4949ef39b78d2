import { demoCategories, demoProducts } from '@shopgraph/demo-data';
import type { ProductsDb } from './database';
import { categories, products } from './schema';

/** Loads the demo catalog; rows that exist already are left as they are, so it can run at every start. */
export async function seedProducts(db: ProductsDb): Promise<void> {
  await db.transaction(async (tx) => {
    // Parents before children, so the foreign key holds row by row.
    const ordered = [...demoCategories].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
    await tx.insert(categories).values(ordered).onConflictDoNothing();
    await tx.insert(products).values([...demoProducts]).onConflictDoNothing();
  });
}
