import { notFound, parseId, requireRole } from '@shopgraph/server';
import { updateUser } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const setUserRole: MutationResolvers['setUserRole'] = async (_, { userId, role }, { db, viewer }) => {
  requireRole(viewer, 'ADMIN');
  const user = await updateUser(db, parseId(userId, 'userId'), { role });
  if (!user) throw notFound('No user with this id');
  return user;
};
