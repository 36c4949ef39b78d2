import { GraphQLError } from 'graphql';
import { ErrorCode, isSelfOrAdmin, isUuid, pageSize } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  orders: (user, { first }, { loaders, viewer }) => {
    if (!isSelfOrAdmin(viewer, user.id)) {
      throw new GraphQLError("Only the customer and admins can see a user's orders", { extensions: { code: ErrorCode.FORBIDDEN } });
    }
    return loaders.firstOrdersByUserId(pageSize(first, 10)).load(user.id);
  },
};
