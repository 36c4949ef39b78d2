import { notFound, parseId, requireRole } from '@shopgraph/server';
import { archiveProductRow } from '../../db/queries/product-writes';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const archiveProduct: MutationResolvers['archiveProduct'] = async (_, { id }, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const row = await archiveProductRow(db, parseId(id));
  if (!row) throw notFound('No product with this id');
  await Promise.all([caches.productById.invalidate([row.id]), caches.productBySku.invalidate([row.sku])]);
  return row;
};
