import { isUuid } from '@shopgraph/server';
import { availabilityOf, stockLevel } from '../availability';
import type { ProductResolvers } from '../__generated__/resolvers-types';

export const Product: ProductResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  stock: async (product, _, { loaders }) => stockLevel(await loaders.stockByProductId.load(product.id)),
  availability: async (product, _, { loaders }) => availabilityOf(stockLevel(await loaders.stockByProductId.load(product.id))),
};
