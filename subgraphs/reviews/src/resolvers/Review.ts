import { isUuid } from '@shopgraph/server';
import { canSeeReview } from '../reviews/visibility';
import type { ReviewResolvers } from '../__generated__/resolvers-types';

export const Review: ReviewResolvers = {
  __resolveReference: async (reference, { loaders, viewer }) => {
    const review = isUuid(reference.id) ? await loaders.reviewById.load(reference.id.toLowerCase()) : null;
    return review && canSeeReview(viewer, review) ? review : null;
  },
  author: (review) => ({ id: review.authorId }),
  product: (review) => ({ id: review.productId }),
};
