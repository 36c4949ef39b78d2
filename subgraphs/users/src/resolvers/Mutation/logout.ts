import { endSession } from '../../auth/sessions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

// Answers true for an unknown token too: logging out is never an error the client can act on.
export const logout: MutationResolvers['logout'] = async (_, args, { db }) => {
  await endSession(db, args.refreshToken);
  return true;
};
