import { parseInput } from '@shopgraph/server';
import { authPayload } from '../../auth/auth-payload';
import { emailTaken, isUniqueViolation } from '../../auth/errors';
import { registerInput } from '../../auth/inputs';
import { hashPassword } from '../../auth/passwords';
import { startSession } from '../../auth/sessions';
import { insertUser } from '../../db/queries/users';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const register: MutationResolvers['register'] = async (_, { input }, context) => {
  const { email, password, name } = parseInput(registerInput, input);
  const passwordHash = await hashPassword(password);
  const user = await insertUser(context.db, { email, name, passwordHash }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? emailTaken() : error;
  });
  const { refreshToken } = await startSession(context.db, user.id);
  return authPayload(context, user, refreshToken);
};
