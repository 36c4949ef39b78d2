import { SignJWT } from 'jose';
import { ACCESS_TOKEN } from '@shopgraph/auth';
import type { KeyRing } from './key-ring';

/** A short-lived JWT the gateway verifies against our JWKS: who (`sub`) and with which `roles`. */
export async function issueAccessToken(keys: KeyRing, user: { id: string; role: string }): Promise<string> {
  const { kid, privateKey } = await keys.signingKey();
  return new SignJWT({ roles: [user.role] })
    .setProtectedHeader({ alg: ACCESS_TOKEN.algorithm, kid, typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(ACCESS_TOKEN.issuer)
    .setAudience(ACCESS_TOKEN.audience)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN.ttlSeconds}s`)
    .sign(privateKey);
}
