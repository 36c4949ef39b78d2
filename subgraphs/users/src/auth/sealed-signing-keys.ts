import { openPrivateJwk, sealPrivateJwk, type KeyEncryptionKeys, type SealedPrivateKey } from '@shopgraph/auth';
import type { JWK } from 'jose';
import type { UsersDb } from '../db/database';
import { findSigningKeysNotSealedWith, resealSigningKey, type SigningKeyRow } from '../db/queries/signing-keys';

/** The row's private key: opened with its KEK, or as stored by a version that did not seal keys. */
export function privateJwkOf(row: SigningKeyRow, keys: KeyEncryptionKeys): JWK {
  if (row.privateJwk) return row.privateJwk;
  return openPrivateJwk(keys, row.kid, sealedPartOf(row));
}

function sealedPartOf(row: SigningKeyRow): SealedPrivateKey {
  const { kekId, privateKeyIv, privateKeyAuthTag, privateKeyCiphertext } = row;
  // The table's check constraint holds the four together.
  if (!kekId || !privateKeyIv || !privateKeyAuthTag || !privateKeyCiphertext)
    throw new Error(`signing key ${row.kid} has neither a cleartext nor a sealed private key`);
  return { kekId, iv: privateKeyIv, authTag: privateKeyAuthTag, ciphertext: privateKeyCiphertext };
}

/**
 * Run at every start, before serving: seals the keys still in cleartext (written before keys were
 * sealed) and reseals those sealed with an older KEK, all with the current one; so rotating the
 * KEK is prepending a new one and rolling out. A key whose KEK is not listed fails the start with
 * an UnknownKeyEncryptionKeyError naming it.
 */
export async function sealSigningKeysWithCurrentKek(db: UsersDb, keys: KeyEncryptionKeys): Promise<void> {
  const [current] = keys;
  for (const row of await findSigningKeysNotSealedWith(db, current.id)) {
    const privateJwk = privateJwkOf(row, keys);
    await resealSigningKey(db, row.kid, row.privateJwk ? null : row.kekId, sealPrivateJwk(keys, row.kid, privateJwk));
  }
}
