import { isUuid } from '@shopgraph/server';
import type { ReviewResolvers } from '../__generated__/resolvers-types';

export const Review: ReviewResolvers = {
  __resolveReference: (reference, { loaders }) => (isUuid(reference.id) ? loaders.reviewById.load(reference.id.toLowerCase()) : null),
  author: (review) => ({ id: review.authorId }),
  product: (review) => ({ id: review.productId }),
};
