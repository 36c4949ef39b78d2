import { z } from 'zod';
import { badUserInput, parseInput } from '@shopgraph/server';
import { passwordInput } from '../../auth/inputs';
import { completePasswordReset } from '../../auth/password-reset';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

const resetInput = z.object({ token: z.string().max(100, 'is not a reset token'), newPassword: passwordInput });

export const resetPassword: MutationResolvers['resetPassword'] = async (_, args, { db }) => {
  const { token, newPassword } = parseInput(resetInput, args);
  if (!(await completePasswordReset(db, token, newPassword))) throw badUserInput('This reset link is invalid, used or expired', 'token');
  return true;
};
