import { notFound, parseId, requireRole } from '@shopgraph/server';
import type { SubgraphContext } from '../context';
import { archiveProductRow, restoreProductRow } from '../db/queries/product-writes';
import type { ProductRow } from '../db/schema';

/**
 * Archives a product or restores it (admins only), then drops its shared cache entries, so every
 * process sees the change on its next read. Doing it twice changes nothing.
 */
export async function setProductArchived(context: Pick<SubgraphContext, 'db' | 'caches' | 'viewer'>, id: string, archived: boolean): Promise<ProductRow> {
  requireRole(context.viewer, 'ADMIN');
  const write = archived ? archiveProductRow : restoreProductRow;
  const row = await write(context.db, parseId(id));
  if (!row) throw notFound('No product with this id');
  await Promise.all([context.caches.productById.invalidate([row.id]), context.caches.productBySku.invalidate([row.sku])]);
  return row;
}
