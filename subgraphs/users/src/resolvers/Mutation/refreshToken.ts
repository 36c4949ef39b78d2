import { authPayload } from '../../auth/auth-payload';
import { sessionEnded } from '../../auth/errors';
import { rotateRefreshToken } from '../../auth/sessions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const refreshToken: MutationResolvers['refreshToken'] = async (_, args, context) => {
  const rotated = await rotateRefreshToken(context.db, args.refreshToken);
  if (!rotated.ok) {
    if (rotated.reason === 'reused') context.logger.warn('refresh token reused: session family revoked');
    throw sessionEnded();
  }
  const user = await context.loaders.userById.load(rotated.userId);
  if (!user) throw sessionEnded();
  return authPayload(context, user, rotated.refreshToken);
};
