import type { CategoryResolvers } from '../__generated__/resolvers-types';
import { findCategorySubtreeIds } from '../db/queries/categories';
import { productPage } from './product-page';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.categoryById.load(reference.id),
  parent: (category, _, { loaders }) => (category.parentId ? loaders.categoryById.load(category.parentId) : null),
  children: (category, _, { loaders }) => loaders.categoriesByParentId.load(category.id),
  path: (category, _, { loaders }) => loaders.categoryPathById.load(category.id),
  products: async (category, args, { db, search }) => productPage(search, args, { categoryIds: await findCategorySubtreeIds(db, category.id), sort: 'NEWEST' }),
};
