import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ProductsDb } from '../database';
import { categories, type CategoryRow } from '../schema';

export function findCategoriesByIds(db: ProductsDb, ids: readonly string[]): Promise<CategoryRow[]> {
  return db
    .select()
    .from(categories)
    .where(inArray(categories.id, [...ids]));
}

export function findCategoriesByParentIds(db: ProductsDb, parentIds: readonly string[]): Promise<CategoryRow[]> {
  return db
    .select()
    .from(categories)
    .where(inArray(categories.parentId, [...parentIds]))
    .orderBy(categories.name);
}

export function findRootCategories(db: ProductsDb): Promise<CategoryRow[]> {
  return db.select().from(categories).where(isNull(categories.parentId)).orderBy(categories.name);
}

export async function findCategoryBySlug(db: ProductsDb, slug: string): Promise<CategoryRow | null> {
  const [row] = await db.select().from(categories).where(eq(categories.slug, slug)).limit(1);
  return row ?? null;
}

/** The category and all its descendants' ids, in one recursive query. */
export async function findCategorySubtreeIds(db: ProductsDb, rootId: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive subtree as (
      select id from ${categories} where id = ${rootId}
      union all
      select c.id from ${categories} c join subtree s on c.parent_id = s.id
    )
    select id from subtree`);
  return rows.map((row) => row.id);
}

/** Ancestors of many categories at once, each list root first, in one recursive query. */
export async function findCategoryPaths(db: ProductsDb, ids: readonly string[]): Promise<Map<string, CategoryRow[]>> {
  const rows = await db.execute<{ start_id: string; depth: number; id: string; slug: string; name: string; parent_id: string | null }>(sql`
    with recursive path as (
      select id as start_id, 0 as depth, id, slug, name, parent_id
        from ${categories} where id in ${[...ids]}
      union all
      select p.start_id, p.depth + 1, c.id, c.slug, c.name, c.parent_id
        from ${categories} c join path p on c.id = p.parent_id
    )
    select * from path order by start_id, depth desc`);
  const paths = new Map<string, CategoryRow[]>();
  for (const row of rows) {
    const list = paths.get(row.start_id) ?? [];
    list.push({ id: row.id, slug: row.slug, name: row.name, parentId: row.parent_id });
    paths.set(row.start_id, list);
  }
  return paths;
}
