import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { ACCESS_TOKEN, sealPrivateJwk, UnknownKeyEncryptionKeyError, type KeyEncryptionKeys } from '@shopgraph/auth';
import type { UsersDb } from '../db/database';
import { findActiveSigningKeys, insertSigningKey, retireSigningKeysExcept, type SigningKeyRow } from '../db/queries/signing-keys';
import { privateJwkOf } from './sealed-signing-keys';

interface SigningKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
}

/** How long a process trusts its copy of the keys before reading them again (rotation reaches every replica). */
const REFRESH_MS = 30_000;

/**
 * The signing keys, kept in the users database so every replica signs with the same key and a
 * rotation reaches all of them; their private halves sealed with `keys`, the KEKs. The first start
 * makes one.
 */
export class KeyRing {
  private current?: SigningKey;
  private jwks: { keys: JWK[] } = { keys: [] };
  private loadedAt = 0;
  /** A kid's private key never changes: opened once, whatever KEK seals it later. */
  private readonly opened = new Map<string, SigningKey>();

  constructor(
    private readonly db: UsersDb,
    private readonly keys: KeyEncryptionKeys,
  ) {}

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
    const kid = await createSigningKey(this.db, this.keys);
    await retireSigningKeysExcept(this.db, previous ? [kid, previous] : [kid]);
    this.loadedAt = 0;
    return kid;
  }

  private async refreshIfStale(): Promise<void> {
    if (this.current && Date.now() - this.loadedAt < REFRESH_MS) return;
    let rows = await findActiveSigningKeys(this.db);
    if (rows.length === 0) {
      await createSigningKey(this.db, this.keys);
      rows = await findActiveSigningKeys(this.db);
    }
    this.current = await this.newestThatOpens(rows);
    this.jwks = { keys: rows.map((row) => ({ ...row.publicJwk, kid: row.kid, alg: ACCESS_TOKEN.algorithm, use: 'sig' })) };
    this.loadedAt = Date.now();
  }

  /**
   * During a rollout that prepends a KEK, a replica still on the old list may find the newest key
   * sealed with a KEK it lacks (a new replica made or resealed it): it signs with the newest one it
   * can open, which the JWKS still publishes, until it is replaced too.
   */
  private async newestThatOpens(rows: SigningKeyRow[]): Promise<SigningKey> {
    for (const row of rows) {
      const known = this.opened.get(row.kid);
      if (known) return known;
      try {
        const key = { kid: row.kid, privateKey: await importJWK(privateJwkOf(row, this.keys), ACCESS_TOKEN.algorithm) };
        this.opened.set(row.kid, key);
        return key;
      } catch (error) {
        if (!(error instanceof UnknownKeyEncryptionKeyError)) throw error;
      }
    }
    throw new Error('no signing key opens with the key-encryption keys in USERS_KEY_ENCRYPTION_KEYS');
  }
}

async function createSigningKey(db: UsersDb, keys: KeyEncryptionKeys): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(ACCESS_TOKEN.algorithm, { extractable: true });
  const kid = randomUUID();
  const sealed = sealPrivateJwk(keys, kid, { ...(await exportJWK(privateKey)) });
  await insertSigningKey(db, { kid, publicJwk: { ...(await exportJWK(publicKey)) }, sealed });
  return kid;
}
