import { badUserInput, parseId } from '@shopgraph/server';
import { findProductBySlug } from '../../db/queries/products';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const product: QueryResolvers['product'] = async (_, { id, sku, slug }, { db, loaders }) => {
  const given = [id, sku, slug].filter((value) => value !== undefined && value !== null);
  if (given.length !== 1) throw badUserInput('Give exactly one of "id", "sku" or "slug"');
  // An empty id or sku is given, not absent: it is checked (or looked up) as such, never taken for a slug lookup.
  if (id !== undefined && id !== null) return loaders.productById.load(parseId(id));
  // SKUs are stored as productFields.sku writes them (trimmed, upper case): looked up the same way.
  if (sku !== undefined && sku !== null) return loaders.productBySku.load(sku.trim().toUpperCase());
  return findProductBySlug(db, slug!);
};
