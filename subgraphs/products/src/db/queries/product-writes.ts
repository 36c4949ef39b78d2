import { eq } from 'drizzle-orm';
import type { ProductsDb } from '../database';
import { products, type ProductRow } from '../schema';

export async function updateProductRow(db: ProductsDb, id: string, changes: Partial<Pick<ProductRow, 'name' | 'description' | 'priceCents'>>): Promise<ProductRow | null> {
  const [row] = await db.update(products).set(changes).where(eq(products.id, id)).returning();
  return row ?? null;
}
