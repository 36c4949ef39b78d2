import { z } from 'zod';
import { badUserInput, notFound, parseId, parseInput, requireRole } from '@shopgraph/server';
import { updateProductRow } from '../../db/queries/product-writes';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const updateProductInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5_000).optional(),
  price: z.number().int().min(0, 'must not be negative').max(10_000_000, 'must be at most 10,000,000 cents').optional(),
});

export const updateProduct: MutationResolvers['updateProduct'] = async (_, { id, input }, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const productId = parseId(id);
  const { name, description, price } = parseInput(updateProductInput, {
    name: input.name ?? undefined,
    description: input.description ?? undefined,
    price: input.price ?? undefined,
  });
  if (name === undefined && description === undefined && price === undefined) throw badUserInput('Give at least one of name, description or price');
  const row = await updateProductRow(db, productId, { name, description, priceCents: price });
  if (!row) throw notFound('No product with this id');
  // After the write committed: every process reads the new row on its next load.
  await Promise.all([caches.productById.invalidate([row.id]), caches.productBySku.invalidate([row.sku])]);
  return row;
};
