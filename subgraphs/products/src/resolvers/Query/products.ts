import { parseId } from '@shopgraph/server';
import { findCategorySubtreeIds } from '../../db/queries/categories';
import type { QueryResolvers } from '../../__generated__/resolvers-types';
import { productPage } from '../product-page';

export const products: QueryResolvers['products'] = async (_, args, { db }) => {
  const categoryId = args.filter?.categoryId;
  const categoryIds = categoryId ? await findCategorySubtreeIds(db, parseId(categoryId, 'filter.categoryId')) : undefined;
  return productPage(db, args, categoryIds);
};
