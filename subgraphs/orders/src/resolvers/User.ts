import { isUuid, pageSize } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference) => (isUuid(reference.id) ? { id: reference.id.toLowerCase() } : null),
  orders: (user, { first }, { loaders }) => loaders.firstOrdersByUserId(pageSize(first, 10)).load(user.id),
};
