import { GraphQLError } from 'graphql';
import { ErrorCode, isSelfOrAdmin, parseId, requireSignedIn } from '@shopgraph/server';
import type { QueryResolvers } from '../../__generated__/resolvers-types';

export const order: QueryResolvers['order'] = async (_, { id }, { loaders, viewer }) => {
  requireSignedIn(viewer);
  const found = await loaders.orderById.load(parseId(id));
  if (found && !isSelfOrAdmin(viewer, found.userId)) {
    throw new GraphQLError('Only the customer and admins can see an order', { extensions: { code: ErrorCode.FORBIDDEN } });
  }
  return found;
};
