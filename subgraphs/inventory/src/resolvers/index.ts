import type { Resolvers } from '../__generated__/resolvers-types';
import { Product } from './Product';
import { lowStockProducts } from './Query/lowStockProducts';

export const resolvers: Resolvers = {
  Query: { lowStockProducts },
  Product,
};
