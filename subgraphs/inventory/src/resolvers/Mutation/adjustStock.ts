import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { ErrorCode, parseId, parseInput, requireRole } from '@shopgraph/server';
import { applyAdjustment, ensureStockRow, insertAdjustment } from '../../db/queries/reservations';
import { recordStockChanged } from '../../db/queries/stock-events';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const adjustInput = z.object({
  delta: z
    .number()
    .int()
    .min(-100_000)
    .max(100_000)
    .refine((delta) => delta !== 0, 'must not be 0'),
  reason: z.string().trim().min(3, 'must say why (3 characters at least)').max(500),
});

export const adjustStock: MutationResolvers['adjustStock'] = async (_, args, { db, caches, viewer }) => {
  const actorId = requireRole(viewer, 'ADMIN');
  const productId = parseId(args.productId, 'productId');
  const { delta, reason } = parseInput(adjustInput, { delta: args.delta, reason: args.reason });
  const adjustment = await db.transaction(async (tx) => {
    await ensureStockRow(tx, productId);
    if (!(await applyAdjustment(tx, productId, delta))) {
      throw new GraphQLError('That would leave fewer units on hand than are reserved', { extensions: { code: ErrorCode.CONFLICT } });
    }
    await recordStockChanged(tx, [productId]);
    return insertAdjustment(tx, { productId, delta, reason, actorId });
  });
  await caches.stockByProductId.invalidate([productId]);
  return adjustment;
};
