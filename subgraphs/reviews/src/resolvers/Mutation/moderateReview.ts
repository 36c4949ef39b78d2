import { notFound, parseId, requireRole } from '@shopgraph/server';
import { lockReview, updateReviewRow } from '../../db/queries/review-writes';
import { writeReview } from '../../reviews/write-review';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const moderateReview: MutationResolvers['moderateReview'] = async (_, { id, status }, { db, caches, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const reviewId = parseId(id);
  return writeReview({ db, caches }, async (tx) => {
    if (!(await lockReview(tx, reviewId))) throw notFound('No review with this id');
    return updateReviewRow(tx, reviewId, { status });
  });
};
