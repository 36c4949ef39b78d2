import { z } from 'zod';
import { parseInput } from '@shopgraph/server';
import { emailInput } from '../../auth/inputs';
import { issuePasswordReset } from '../../auth/password-reset';
import { findUserByEmail } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const requestPasswordReset: MutationResolvers['requestPasswordReset'] = async (_, args, { db }) => {
  const { email } = parseInput(z.object({ email: emailInput }), args);
  const user = await findUserByEmail(db, email);
  if (user) await issuePasswordReset(db, user);
  return true;
};
