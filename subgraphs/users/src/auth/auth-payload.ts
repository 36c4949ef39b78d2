import { ACCESS_TOKEN } from '@shopgraph/auth';
import type { SubgraphContext } from '../context';
import type { UserRow } from '../db/schema';
import { issueAccessToken } from './access-tokens';

/** What login, register and refreshToken answer: a fresh access token beside the session's refresh token. */
export async function authPayload(context: SubgraphContext, user: UserRow, refreshToken: string) {
  return { accessToken: await issueAccessToken(context.keys, user), refreshToken, expiresIn: ACCESS_TOKEN.ttlSeconds, user };
}
