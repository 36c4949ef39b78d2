import { z } from 'zod';
import { parseId, parseInput, requireRole } from '@shopgraph/server';
import { asCatalogWriteError } from '../../catalog/catalog-write-errors';
import { productFields, slugify } from '../../catalog/product-input';
import { insertCategoryRow } from '../../db/queries/product-writes';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const categoryInput = z.object({ name: z.string().trim().min(1, 'must not be empty').max(100), slug: productFields.slug });

export const createCategory: MutationResolvers['createCategory'] = async (_, { input }, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const parentId = input.parentId ? parseId(input.parentId, 'parentId') : null;
  const { name, slug } = parseInput(categoryInput, { name: input.name, slug: input.slug ?? slugify(input.name) });
  try {
    return await insertCategoryRow(db, { name, slug, parentId });
  } catch (error) {
    throw asCatalogWriteError(error);
  }
};
