import { z } from 'zod';
import { parseInput } from '@shopgraph/server';
import { authPayload } from '../../auth/auth-payload';
import { wrongCredentials } from '../../auth/errors';
import { emailInput } from '../../auth/inputs';
import { verifyPassword } from '../../auth/passwords';
import { startSession } from '../../auth/sessions';
import { findUserByEmail } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const loginInput = z.object({ email: emailInput, password: z.string().max(200, 'must be at most 200 characters') });

export const login: MutationResolvers['login'] = async (_, args, context) => {
  const { email, password } = parseInput(loginInput, args);
  const user = await findUserByEmail(context.db, email);
  // verifyPassword spends the same work for an unknown account, so timing tells nothing either.
  if (!(await verifyPassword(user?.passwordHash ?? null, password)) || !user) throw wrongCredentials();
  const { refreshToken } = await startSession(context.db, user.id);
  return authPayload(context, user, refreshToken);
};
