import type { ProductResolvers } from '../__generated__/resolvers-types';
import { isUuid } from '@shopgraph/server';

export const Product: ProductResolvers = {
  __resolveReference: (reference, { loaders }) => {
    if ('sku' in reference) return loaders.productBySku.load(reference.sku);
    return isUuid(reference.id) ? loaders.productById.load(reference.id) : null;
  },
  price: (product) => ({ amount: product.priceCents, currency: product.currency }),
  // By name: the jsonb column keeps no order of its own (it sorts keys by length), so an edit would seem to shuffle them.
  attributes: (product) =>
    Object.entries(product.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value })),
  category: async (product, _, { loaders }) => {
    const category = await loaders.categoryById.load(product.categoryId);
    if (!category) throw new Error(`product ${product.id} has no category ${product.categoryId}`);
    return category;
  },
};
