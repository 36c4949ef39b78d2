import { isUuid } from '@shopgraph/server';
import { ratingSummary } from '../rating-summary';
import type { ProductResolvers } from '../__generated__/resolvers-types';
import { reviewPage } from './review-page';

export const Product: ProductResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  reviews: (product, args, context) =>
    reviewPage(context, 'productId', 'approved', product.id, args, () => context.loaders.ratingByProductId.load(product.id).then((row) => row?.count ?? 0)),
  rating: async (product, _, { loaders }) => ratingSummary(await loaders.ratingByProductId.load(product.id)),
};
