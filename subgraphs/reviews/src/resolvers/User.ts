import { isSelfOrAdmin, isUuid } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { reviewPage } from './review-page';

export const User: UserResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  // The user (and admins) see every review of theirs with its status; everyone else the approved ones.
  reviews: (user, args, context) => {
    const visibility = isSelfOrAdmin(context.viewer, user.id) ? 'all' : 'approved';
    return reviewPage(context, 'authorId', visibility, user.id, args, () => context.loaders.reviewCountByAuthorId(visibility).load(user.id));
  },
};
