import { notFound, parseId, parseInput, requireSignedIn } from '@shopgraph/server';
import { lockReview, updateReviewRow } from '../../db/queries/review-writes';
import { forbidden } from '../../reviews/errors';
import { given, reviewEdit } from '../../reviews/review-input';
import { writeReview } from '../../reviews/write-review';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const updateReview: MutationResolvers['updateReview'] = async (_, { id, input }, { db, caches, viewer }) => {
  const userId = requireSignedIn(viewer);
  const reviewId = parseId(id);
  const edit = parseInput(reviewEdit, { rating: given(input.rating), title: given(input.title), body: given(input.body) });
  return writeReview({ db, caches }, async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (!review) throw notFound('No review with this id');
    if (review.authorId !== userId) throw forbidden('Only its author can edit a review');
    // Moderators approved the old text, not this one: the edit waits for them again.
    return updateReviewRow(tx, reviewId, { ...edit, status: 'PENDING' });
  });
};
