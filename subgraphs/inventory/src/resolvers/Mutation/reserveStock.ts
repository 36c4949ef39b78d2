import { z } from 'zod';
import { parseId, parseInput, requireAdminOrService } from '@shopgraph/server';
import { DEFAULT_RESERVATION_TTL_SECONDS, reserveStock as reserve } from '../../reservations/reserve-stock';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const reserveInput = z.object({
  items: z
    .array(z.object({ productId: z.string(), quantity: z.number().int().min(1, 'must be at least 1').max(1_000, 'must be at most 1,000') }))
    .min(1, 'needs at least one item')
    .max(100, 'takes at most 100 items'),
  ttlSeconds: z.number().int().min(1).max(3_600).default(DEFAULT_RESERVATION_TTL_SECONDS),
});

export const reserveStock: MutationResolvers['reserveStock'] = async (_, args, { db, caches, viewer }) => {
  requireAdminOrService(viewer);
  const orderId = parseId(args.orderId, 'orderId');
  const { items, ttlSeconds } = parseInput(reserveInput, { items: args.items, ttlSeconds: args.ttlSeconds ?? undefined });
  const normalized = items.map((item) => ({ productId: parseId(item.productId, 'items.productId'), quantity: item.quantity }));
  const result = await reserve(db, orderId, normalized, ttlSeconds);
  if ('orderId' in result) await caches.stockByProductId.invalidate(normalized.map((item) => item.productId));
  return result;
};
