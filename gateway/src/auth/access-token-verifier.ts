import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ACCESS_TOKEN, ANONYMOUS, ROLES, type Role, type Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

/**
 * Turns an Authorization header into the viewer, once per request: ES256 only (no `none`, no HMAC
 * with the public key), our issuer and audience, not expired, signed by a key in the users
 * subgraph's JWKS (fetched by kid, so a rotated key is picked up by itself). No header: anonymous.
 */
export function createAccessTokenVerifier(jwksUrl: () => URL) {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  let jwksFor = '';
  return async (authorization: string | undefined): Promise<Viewer & { expiresAt?: number }> => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
    const url = jwksUrl();
    if (!jwks || jwksFor !== url.href) {
      // An unknown kid (a rotation) refetches the JWKS, at most once a second whatever clients send.
      jwks = createRemoteJWKSet(url, { cooldownDuration: 1_000, cacheMaxAge: 10 * 60_000 });
      jwksFor = url.href;
    }
    try {
      const { payload } = await jwtVerify(match[1]!, jwks, {
        algorithms: [ACCESS_TOKEN.algorithm],
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
        requiredClaims: ['sub', 'exp'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(String(role))) : [];
      return { id: String(payload.sub), roles, expiresAt: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired; refresh it');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('The access token is not valid');
      throw error;
    }
  };
}
