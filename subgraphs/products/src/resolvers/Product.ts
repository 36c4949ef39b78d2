import type { ProductResolvers } from '../__generated__/resolvers-types';
import { isUuid } from '@shopgraph/server';

export const Product: ProductResolvers = {
  __resolveReference: (reference, { loaders }) => {
    if ('sku' in reference) return loaders.productBySku.load(reference.sku);
    return isUuid(reference.id) ? loaders.productById.load(reference.id) : null;
  },
  price: (product) => ({ amount: product.priceCents, currency: product.currency }),
  attributes: (product) => Object.entries(product.attributes).map(([name, value]) => ({ name, value })),
  category: async (product, _, { loaders }) => {
    const category = await loaders.categoryById.load(product.categoryId);
    if (!category) throw new Error(`product ${product.id} has no category ${product.categoryId}`);
    return category;
  },
};
