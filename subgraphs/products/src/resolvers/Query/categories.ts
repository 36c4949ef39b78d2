import { findRootCategories } from '../../db/queries/categories';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const categories: QueryResolvers['categories'] = (_, __, { db }) => findRootCategories(db);
