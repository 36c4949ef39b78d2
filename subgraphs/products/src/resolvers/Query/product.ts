import { badUserInput, parseId } from '@shopgraph/server';
import { findProductBySlug } from '../../db/queries/products';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const product: QueryResolvers['product'] = async (_, { id, sku, slug }, { db, loaders }) => {
  const given = [id, sku, slug].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw badUserInput('Give exactly one of "id", "sku" or "slug"');
  if (id) return loaders.productById.load(parseId(id));
  if (sku) return loaders.productBySku.load(sku);
  return findProductBySlug(db, slug!);
};
