import { isSelfOrAdmin, type RequestScoped } from '@shopgraph/server';
import type { ReviewRow } from '../db/schema';

/** Approved reviews are public; pending and rejected ones only their author's and admins'. */
export function canSeeReview(viewer: RequestScoped['viewer'], review: ReviewRow): boolean {
  return review.status === 'APPROVED' || isSelfOrAdmin(viewer, review.authorId);
}
