import postgres from 'postgres';
import { importJWK, SignJWT } from 'jose';
import { openPrivateJwk, resolveKeyEncryptionKeys } from '@shopgraph/auth';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { testDatabaseServerUrl } from './database-server';

interface SealedSigningKeyRow {
  kid: string;
  kek_id: string;
  private_key_iv: Buffer;
  private_key_auth_tag: Buffer;
  private_key_ciphertext: Buffer;
}

/**
 * A token signed with the users subgraph's real current key, built by `build` (claims, expiry...):
 * so a test can make one with exactly one thing wrong, or one that expires in two seconds. The key
 * is opened with the KEKs this process's environment gives the users subgraph, as it does.
 */
export async function signWithCurrentKey(databasePrefix: string, build: (jwt: SignJWT) => SignJWT, claims: Record<string, unknown> = {}): Promise<string> {
  const sql = postgres(serviceDatabaseUrl('users', testDatabaseServerUrl(), databasePrefix, {}), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<SealedSigningKeyRow[]>`
      select kid, kek_id, private_key_iv, private_key_auth_tag, private_key_ciphertext
      from signing_keys where retired_at is null order by created_at desc, kid desc limit 1`;
    if (!row) throw new Error(`no signing key in the users database of ${databasePrefix}`);
    const sealed = { kekId: row.kek_id, iv: row.private_key_iv, authTag: row.private_key_auth_tag, ciphertext: row.private_key_ciphertext };
    const key = await importJWK(openPrivateJwk(resolveKeyEncryptionKeys(), row.kid, sealed), 'ES256');
    return await build(new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: row.kid })).sign(key);
  } finally {
    await sql.end();
  }
}
