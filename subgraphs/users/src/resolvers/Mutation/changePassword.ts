import { parseInput, requireSignedIn } from '@shopgraph/server';
import { z } from 'zod';
import { wrongCredentials } from '../../auth/errors';
import { passwordInput } from '../../auth/inputs';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { revokeUserSessions } from '../../db/queries/sessions';
import { updateUser } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const changePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: passwordInput });

/** Changing the password ends every session: whoever knew the old one is signed out. */
export const changePassword: MutationResolvers['changePassword'] = async (_, args, { db, loaders, viewer }) => {
  const id = requireSignedIn(viewer);
  const { currentPassword, newPassword } = parseInput(changePasswordInput, args);
  const user = await loaders.userById.load(id);
  if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) throw wrongCredentials();
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await updateUser(tx, id, { passwordHash });
    await revokeUserSessions(tx, id);
  });
  return true;
};
