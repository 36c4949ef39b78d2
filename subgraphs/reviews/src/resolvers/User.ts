import { isUuid } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';
import { reviewPage } from './review-page';

export const User: UserResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  reviews: (user, args, context) => reviewPage(context, 'authorId', user.id, args, () => context.loaders.approvedCountByAuthorId.load(user.id)),
};
