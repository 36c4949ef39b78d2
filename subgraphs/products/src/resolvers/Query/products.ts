import { z } from 'zod';
import { badUserInput, parseId, parseInput, requireRole } from '@shopgraph/server';
import { findCategorySubtreeIds } from '../../db/queries/categories';
import { MAX_SEARCH_LENGTH } from '../../search/search-text';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { productPage } from '../product-page';

const MAX_PRICE = 10_000_000;

const productsInput = z
  .object({
    search: z.string().max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`).optional(),
    minPrice: z.number().int().min(0).max(MAX_PRICE).optional(),
    maxPrice: z.number().int().min(0).max(MAX_PRICE).optional(),
    minRating: z.number().min(1).max(5).optional(),
  })
  .refine((input) => input.minPrice === undefined || input.maxPrice === undefined || input.minPrice <= input.maxPrice, {
    message: 'must not be above maxPrice',
    path: ['minPrice'],
  });

export const products: QueryResolvers['products'] = async (_, args, { db, search, viewer }) => {
  const filter = args.filter ?? {};
  // Archived products are the back office's to see (and restore), nobody else's.
  if (filter.archived) requireRole(viewer, 'ADMIN');
  const input = parseInput(productsInput, {
    search: args.search ?? undefined,
    minPrice: filter.minPrice ?? undefined,
    maxPrice: filter.maxPrice ?? undefined,
    minRating: filter.minRating ?? undefined,
  });
  let categoryIds: string[] | undefined;
  if (filter.categoryId) {
    categoryIds = await findCategorySubtreeIds(db, parseId(filter.categoryId, 'filter.categoryId'));
    if (categoryIds.length === 0) throw badUserInput('No category with this id', 'filter.categoryId');
  }
  return productPage(search, args, {
    text: input.search?.trim() || undefined,
    categoryIds,
    minPriceCents: input.minPrice,
    maxPriceCents: input.maxPrice,
    inStock: filter.inStock ?? undefined,
    minRating: input.minRating,
    archived: filter.archived ?? undefined,
    sort: args.sort ?? 'RELEVANCE',
  });
};
