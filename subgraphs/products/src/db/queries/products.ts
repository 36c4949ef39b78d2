import { and, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ProductsDb } from '../database';
import { products, type ProductRow } from '../schema';

export function findProductsByIds(db: ProductsDb, ids: readonly string[]): Promise<ProductRow[]> {
  return db.select().from(products).where(inArray(products.id, [...ids]));
}

export function findProductsBySkus(db: ProductsDb, skus: readonly string[]): Promise<ProductRow[]> {
  return db.select().from(products).where(inArray(products.sku, [...skus]));
}

export async function findProductBySlug(db: ProductsDb, slug: string): Promise<ProductRow | null> {
  const [row] = await db.select().from(products).where(eq(products.slug, slug)).limit(1);
  return row ?? null;
}

export interface ProductListQuery {
  /** Only products in these categories. */
  categoryIds?: readonly string[];
  limit: number;
  /** Keyset position: rows strictly after (older than) this one. */
  after?: { createdAt: Date; id: string };
}

function listConditions(query: Omit<ProductListQuery, 'limit' | 'after'>): SQL | undefined {
  return query.categoryIds ? inArray(products.categoryId, [...query.categoryIds]) : undefined;
}

/** Newest first, keyset-paginated on (created_at, id) so pages neither skip nor repeat. */
export function listProducts(db: ProductsDb, query: ProductListQuery): Promise<ProductRow[]> {
  const position = query.after
    ? or(lt(products.createdAt, query.after.createdAt), and(eq(products.createdAt, query.after.createdAt), lt(products.id, query.after.id)))
    : undefined;
  return db
    .select()
    .from(products)
    .where(and(listConditions(query), position))
    .orderBy(desc(products.createdAt), desc(products.id))
    .limit(query.limit);
}

export async function countProducts(db: ProductsDb, query: Omit<ProductListQuery, 'limit' | 'after'>): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(products).where(listConditions(query));
  return row?.count ?? 0;
}
