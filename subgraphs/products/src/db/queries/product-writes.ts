import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { ProductsDb } from '../database';
import { categories, productColumns, products, type CategoryRow, type ProductRow } from '../schema';
import { insertEmptySignals } from './product-signals';

export type ProductChanges = Partial<
  Pick<ProductRow, 'sku' | 'slug' | 'name' | 'description' | 'priceCents' | 'currency' | 'images' | 'attributes' | 'categoryId'>
>;

/** The product and its (empty) search signals, together. */
export function insertProductRow(db: ProductsDb, row: Required<ProductChanges> & Pick<ProductRow, 'sku' | 'slug' | 'name'>): Promise<ProductRow> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx.insert(products).values(row).returning(productColumns);
    await insertEmptySignals(tx, inserted!.id);
    return inserted!;
  });
}

export async function updateProductRow(db: ProductsDb, id: string, changes: ProductChanges): Promise<ProductRow | null> {
  const [row] = await db.update(products).set(changes).where(eq(products.id, id)).returning(productColumns);
  return row ?? null;
}

/** Sets archived_at once; the row as it is afterwards, or null when there is no such product. */
export function archiveProductRow(db: ProductsDb, id: string): Promise<ProductRow | null> {
  return setArchivedAt(db, id, new Date());
}

/** Clears archived_at; the row as it is afterwards, or null when there is no such product. */
export function restoreProductRow(db: ProductsDb, id: string): Promise<ProductRow | null> {
  return setArchivedAt(db, id, null);
}

/** Changes archived_at only when it changes state (an archived product keeps its first date). */
async function setArchivedAt(db: ProductsDb, id: string, archivedAt: Date | null): Promise<ProductRow | null> {
  const [changed] = await db
    .update(products)
    .set({ archivedAt })
    .where(and(eq(products.id, id), archivedAt ? isNull(products.archivedAt) : isNotNull(products.archivedAt)))
    .returning(productColumns);
  if (changed) return changed;
  const [existing] = await db.select(productColumns).from(products).where(eq(products.id, id));
  return existing ?? null;
}

export async function insertCategoryRow(db: ProductsDb, row: Omit<CategoryRow, 'id'>): Promise<CategoryRow> {
  const [inserted] = await db.insert(categories).values(row).returning();
  return inserted!;
}
