// Access tokens for the fresh-token workload: a new one for every request, so no gateway can
// reuse a verification or deduplicate by Authorization. They are signed with a key the harness
// makes for the run (ES256, like the users subgraph's) and that the in-memory users subgraph
// publishes in its JWKS beside the real keys (memory-subgraphs.ts), so our gateway verifies each
// one exactly as it verifies a token from sign-in. The claims are a real demo customer's.
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { ACCESS_TOKEN } from '@shopgraph/auth';

/** Who a token is for: a signed-in customer's subject and roles, read from a real access token. */
export interface TokenSubject {
  sub: string;
  roles: string[];
}

export interface BenchSigningKey {
  /** The public half, as a JWKS entry. */
  publicJwk: Record<string, unknown>;
  /** A token no other call to mint returns (a fresh `jti`), valid for ACCESS_TOKEN.ttlSeconds. */
  mint(subject: TokenSubject): string;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** The claims of a JWT, unverified (the token came from our own sign-in). */
export function subjectOf(token: string): TokenSubject {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string; roles?: string[] };
  if (!payload.sub) throw new Error('an access token without a subject');
  return { sub: payload.sub, roles: payload.roles ?? [] };
}

export function createBenchSigningKey(): BenchSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = `bench-${randomUUID()}`;
  const header = base64url(JSON.stringify({ alg: ACCESS_TOKEN.algorithm, kid, typ: 'JWT' }));
  let sequence = 0;
  return {
    publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: ACCESS_TOKEN.algorithm, use: 'sig' },
    mint(subject) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        ...subject,
        iss: ACCESS_TOKEN.issuer,
        aud: ACCESS_TOKEN.audience,
        iat: now,
        exp: now + ACCESS_TOKEN.ttlSeconds,
        jti: String(sequence++),
      };
      const signed = `${header}.${base64url(JSON.stringify(claims))}`;
      return `${signed}.${base64url(sign('sha256', Buffer.from(signed), { key: privateKey, dsaEncoding: 'ieee-p1363' }))}`;
    },
  };
}
