import { notFound, parseInput, requireSignedIn } from '@shopgraph/server';
import { emailTaken, isUniqueViolation } from '../../auth/errors';
import { profileInput } from '../../auth/inputs';
import { updateUser } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const updateProfile: MutationResolvers['updateProfile'] = async (_, { input }, { db, viewer }) => {
  const id = requireSignedIn(viewer);
  const changes = parseInput(profileInput, { email: input.email ?? undefined, name: input.name ?? undefined });
  const user = await updateUser(db, id, changes).catch((error: unknown) => {
    throw isUniqueViolation(error) ? emailTaken() : error;
  });
  if (!user) throw notFound('Your account no longer exists');
  return user;
};
