import { GraphQLError } from 'graphql';
import { ErrorCode, isSelfOrAdmin, isUuid } from '@shopgraph/server';
import type { UserResolvers } from '../__generated__/resolvers-types';

const onlySelfOrAdmin = (field: string) =>
  new GraphQLError(`Only the user and admins can see a user's ${field}`, { extensions: { code: ErrorCode.FORBIDDEN } });

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => (isUuid(reference.id) ? loaders.userById.load(reference.id.toLowerCase()) : null),
  // Second line behind the gateway's @authenticated: only the user and admins see the address.
  email: (user, _, { viewer }) => {
    if (isSelfOrAdmin(viewer, user.id)) return user.email;
    throw onlySelfOrAdmin('email');
  },
  addresses: (user, _, { viewer, loaders }) => {
    if (!isSelfOrAdmin(viewer, user.id)) throw onlySelfOrAdmin('addresses');
    return loaders.addressesByUserId.load(user.id);
  },
  smsPhone: (user, _, { viewer }) => {
    if (isSelfOrAdmin(viewer, user.id)) return user.smsPhone;
    throw onlySelfOrAdmin('phone number');
  },
};
