import { parseId, parseInput, requireSignedIn } from '@shopgraph/server';
import { insertReview } from '../../db/queries/review-writes';
import { conflict } from '../../reviews/errors';
import { reviewContent } from '../../reviews/review-input';
import { writeReview } from '../../reviews/write-review';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const createReview: MutationResolvers['createReview'] = async (_, { input }, { db, caches, viewer }) => {
  const authorId = requireSignedIn(viewer);
  const productId = parseId(input.productId, 'productId');
  const content = parseInput(reviewContent, { rating: input.rating, title: input.title, body: input.body });
  return writeReview({ db, caches }, async (tx) => {
    const review = await insertReview(tx, { productId, authorId, ...content });
    if (!review) throw conflict('You have already reviewed this product; edit that review instead');
    return review;
  });
};
