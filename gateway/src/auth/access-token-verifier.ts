import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import { ACCESS_TOKEN, ANONYMOUS, ROLES, type Role, type Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });

/** Verified tokens kept; past it the least recently used is dropped. */
const MAX_CACHED_TOKENS = 10_000;
/** A verified token is checked again with the JWKS at least this often, so a withdrawn key stops working. */
const RECHECK_AFTER_MS = 60_000;

type VerifiedViewer = Viewer & { expiresAt: number };

/**
 * Turns an Authorization header into the viewer, once per request: ES256 only (no `none`, no HMAC
 * with the public key), our issuer and audience, not expired, signed by a key in the users
 * subgraph's JWKS (fetched by kid, so a rotated key is picked up by itself). No header: anonymous.
 * A token that verified is remembered by its text until it expires (or a minute has passed), so a
 * client's every request does not pay for an ES256 verification; an expired one is verified again,
 * and so refused with the same error as before.
 */
export function createAccessTokenVerifier(jwksUrl: () => URL) {
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  let jwksFor = '';
  // Date.now, the clock jose judges exp by; read on every lookup (ttlResolution 0), not cached for a ms.
  const verified = new LRUCache<string, VerifiedViewer>({ max: MAX_CACHED_TOKENS, ttlResolution: 0, perf: { now: () => Date.now() } });
  return async (authorization: string | undefined): Promise<Viewer & { expiresAt?: number }> => {
    if (!authorization) return ANONYMOUS;
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
    const token = match[1]!;
    const url = jwksUrl();
    const now = Date.now();
    const remembered = jwksFor === url.href ? verified.get(token) : undefined;
    if (remembered) return { ...remembered, roles: [...remembered.roles] };
    if (!jwks || jwksFor !== url.href) {
      verified.clear();
      // An unknown kid (a rotation) refetches the JWKS, at most once a second whatever clients send.
      jwks = createRemoteJWKSet(url, { cooldownDuration: 1_000, cacheMaxAge: 10 * 60_000 });
      jwksFor = url.href;
    }
    try {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: [ACCESS_TOKEN.algorithm],
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
        requiredClaims: ['sub', 'exp'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(String(role))) : [];
      const viewer: VerifiedViewer = { id: String(payload.sub), roles, expiresAt: payload.exp! * 1000 };
      // Kept while `Date.now() - now <= ttl`, so until just before the recheck or the moment jose
      // refuses it (Date.now() at exp * 1000); with no millisecond left, not kept (a ttl of 0 is none).
      const ttl = Math.min(RECHECK_AFTER_MS, viewer.expiresAt - now) - 1;
      if (ttl > 0) verified.set(token, viewer, { ttl, start: now });
      return { ...viewer, roles: [...roles] };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired; refresh it');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated('The access token is not valid');
      throw error;
    }
  };
}
