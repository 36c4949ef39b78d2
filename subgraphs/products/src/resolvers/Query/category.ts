import { badUserInput, parseId } from '@shopgraph/server';
import { findCategoryBySlug } from '../../db/queries/categories';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const category: QueryResolvers['category'] = async (_, { id, slug }, { db, loaders }) => {
  if ((id ? 1 : 0) + (slug ? 1 : 0) !== 1) throw badUserInput('Give exactly one of "id" or "slug"');
  return id ? loaders.categoryById.load(parseId(id)) : findCategoryBySlug(db, slug!);
};
