import { badUserInput, notFound, parseId, requireRole } from '@shopgraph/server';
import { setThreshold } from '../../db/queries/reservations';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const setLowStockThreshold: MutationResolvers['setLowStockThreshold'] = async (_, args, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const productId = parseId(args.productId, 'productId');
  if (!Number.isInteger(args.threshold) || args.threshold < 0 || args.threshold > 100_000) throw badUserInput('"threshold" must be 0 to 100,000', 'threshold');
  if (!(await setThreshold(db, productId, args.threshold))) throw notFound('No stock record for this product');
  await caches.stockByProductId.invalidate([productId]);
  return { id: productId };
};
