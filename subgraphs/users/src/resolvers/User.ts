import { isUuid } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => (isUuid(reference.id) ? loaders.userById.load(reference.id.toLowerCase()) : null),
};
