import postgres from 'postgres';
import { importJWK, SignJWT, type JWK } from 'jose';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { testDatabaseServerUrl } from './database-server';

/**
 * A token signed with the users subgraph's real current key, built by `build` (claims, expiry...):
 * so a test can make one with exactly one thing wrong, or one that expires in two seconds.
 */
export async function signWithCurrentKey(databasePrefix: string, build: (jwt: SignJWT) => SignJWT, claims: Record<string, unknown> = {}): Promise<string> {
  const sql = postgres(serviceDatabaseUrl('users', testDatabaseServerUrl(), databasePrefix, {}), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ kid: string; private_jwk: JWK }[]>`select kid, private_jwk from signing_keys where retired_at is null order by created_at desc limit 1`;
    const key = await importJWK(row!.private_jwk, 'ES256');
    return await build(new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: row!.kid })).sign(key);
  } finally {
    await sql.end();
  }
}
