import { isSelfOrAdmin, notFound, parseId, requireSignedIn } from '@shopgraph/server';
import { deleteReviewRow, lockReview } from '../../db/queries/review-writes';
import { forbidden } from '../../reviews/errors';
import { writeReview } from '../../reviews/write-review';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const deleteReview: MutationResolvers['deleteReview'] = async (_, { id }, { db, caches, viewer }) => {
  requireSignedIn(viewer);
  const reviewId = parseId(id);
  return writeReview({ db, caches }, async (tx) => {
    const review = await lockReview(tx, reviewId);
    if (!review) throw notFound('No review with this id');
    if (!isSelfOrAdmin(viewer, review.authorId)) throw forbidden('Only its author or an admin can delete a review');
    await deleteReviewRow(tx, reviewId);
    return review;
  });
};
