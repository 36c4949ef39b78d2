import { badUserInput, decodeCursor, encodeCursor, pageSize, toConnection } from '@shopgraph/server';
import type { ProductsDb } from '../db/database';
import { countProducts, listProducts } from '../db/queries/products';
import type { ProductRow } from '../db/schema';

/** One page of products, newest first, as a Relay connection; shared by Query.products and Category.products. */
export async function productPage(db: ProductsDb, args: { first?: number | null; after?: string | null }, categoryIds?: string[]) {
  const size = pageSize(args.first);
  const after = args.after ? decodeCursor(args.after, 2) : undefined;
  const position = after ? { createdAt: new Date(String(after[0])), id: String(after[1]) } : undefined;
  if (position && Number.isNaN(position.createdAt.getTime())) throw badUserInput('"after" is not a cursor this API gave out', 'after');
  const [rows, totalCount] = await Promise.all([
    listProducts(db, { categoryIds, limit: size + 1, after: position }),
    countProducts(db, { categoryIds }),
  ]);
  const cursorOf = (row: ProductRow) => encodeCursor([row.createdAt.toISOString(), row.id]);
  return { ...toConnection(rows, size, cursorOf), totalCount };
}
