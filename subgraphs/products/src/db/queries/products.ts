import { eq, inArray } from 'drizzle-orm';
import type { ProductsDb } from '../database';
import { productColumns, products, type ProductRow } from '../schema';

export function findProductsByIds(db: ProductsDb, ids: readonly string[]): Promise<ProductRow[]> {
  return db
    .select(productColumns)
    .from(products)
    .where(inArray(products.id, [...ids]));
}

export function findProductsBySkus(db: ProductsDb, skus: readonly string[]): Promise<ProductRow[]> {
  return db
    .select(productColumns)
    .from(products)
    .where(inArray(products.sku, [...skus]));
}

export async function findProductBySlug(db: ProductsDb, slug: string): Promise<ProductRow | null> {
  const [row] = await db.select(productColumns).from(products).where(eq(products.slug, slug)).limit(1);
  return row ?? null;
}
