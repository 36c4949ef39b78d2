import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { ACCESS_TOKEN } from '@shopgraph/auth';
import type { UsersDb } from '../db/database';
import { findActiveSigningKeys, insertSigningKey, retireSigningKeysExcept } from '../db/queries/signing-keys';

interface SigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
}

/** How long a process trusts its copy of the keys before reading them again (rotation reaches every replica). */
const REFRESH_MS = 30_000;

/**
 * The signing keys, kept in the users database so every replica signs with the same key and a
 * rotation reaches all of them. The first start makes one.
 */
export class KeyRing {
  private current?: SigningKey;
  private jwks: { keys: JWK[] } = { keys: [] };
  private loadedAt = 0;

  constructor(private readonly db: UsersDb) {}

  async signingKey(): Promise<SigningKey> {
    await this.refreshIfStale();
    if (!this.current) throw new Error('no signing key');
    return this.current;
  }

  /** The public keys of every active key, for GET /.well-known/jwks.json. */
  async publicKeys(): Promise<{ keys: JWK[] }> {
    await this.refreshIfStale();
    return this.jwks;
  }

  /**
   * Adds a key that signs from now on. The one before it keeps verifying (tokens live 15 minutes,
   * far less than any sane rotation interval); any older key is retired.
   */
  async rotate(): Promise<string> {
    const previous = (await findActiveSigningKeys(this.db))[0]?.kid;
    const kid = await createSigningKey(this.db);
    await retireSigningKeysExcept(this.db, previous ? [kid, previous] : [kid]);
    this.loadedAt = 0;
    return kid;
  }

  private async refreshIfStale(): Promise<void> {
    if (this.current && Date.now() - this.loadedAt < REFRESH_MS) return;
    let rows = await findActiveSigningKeys(this.db);
    if (rows.length === 0) {
      await createSigningKey(this.db);
      rows = await findActiveSigningKeys(this.db);
    }
    const [newest] = rows;
    if (!newest) throw new Error('no signing key');
    this.current = { kid: newest.kid, privateKey: await importJWK(newest.privateJwk, ACCESS_TOKEN.algorithm) };
    this.jwks = { keys: rows.map((row) => ({ ...row.publicJwk, kid: row.kid, alg: ACCESS_TOKEN.algorithm, use: 'sig' })) };
    this.loadedAt = Date.now();
  }
}

async function createSigningKey(db: UsersDb): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN.algorithm, { extractable: true });
  const kid = randomUUID();
  await insertSigningKey(db, { kid, privateJwk: { ...(await exportJWK(privateKey)) }, publicJwk: { ...(await exportJWK(publicKey)) } });
  return kid;
}
