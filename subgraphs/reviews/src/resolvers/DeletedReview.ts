import type { DeletedReviewResolvers } from '../__generated__/resolvers-types';

export const DeletedReview: DeletedReviewResolvers = {
  product: (review) => ({ id: review.productId }),
};
