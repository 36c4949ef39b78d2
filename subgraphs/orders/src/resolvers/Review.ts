import { isUuid } from '@shopgraph/server';
import type { ReviewResolvers } from '../__generated__/resolvers-types';

const uuidOf = (value: string) => (isUuid(value) ? value.toLowerCase() : null);

export const Review: ReviewResolvers = {
  // Reviews are the reviews subgraph's: the author and product ids the gateway sends (@requires) are all orders needs.
  __resolveReference: (reference) => {
    if (!('author' in reference) || !('product' in reference)) return null;
    const [authorId, productId] = [uuidOf(reference.author.id), uuidOf(reference.product.id)];
    return authorId && productId ? { id: reference.id, author: { id: authorId }, product: { id: productId } } : null;
  },
  verifiedPurchase: (review, _, { loaders }) => loaders.deliveredPurchase.load({ userId: review.author.id, productId: review.product.id }),
};
