import { and, desc, eq, inArray, isNotNull, isNull, ne, or } from 'drizzle-orm';
import type { SealedPrivateKey } from '@shopgraph/auth';
import type { UsersDb } from '../database';
import { signingKeys } from '../schema';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** Keys not yet retired, newest first: the first signs, all verify. */
export function findActiveSigningKeys(db: UsersDb): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
}

/** Retires every active key but the given ones. */
export async function retireSigningKeysExcept(db: UsersDb, keep: readonly string[]): Promise<void> {
  const active = await findActiveSigningKeys(db);
  const retire = active.map((row) => row.kid).filter((kid) => !keep.includes(kid));
  if (retire.length > 0)
    await db
      .update(signingKeys)
      .set({ retiredAt: new Date() })
      .where(and(inArray(signingKeys.kid, retire), isNull(signingKeys.retiredAt)));
}

export async function insertSigningKey(db: UsersDb, key: Pick<SigningKeyRow, 'kid' | 'publicJwk'> & { sealed: SealedPrivateKey }): Promise<void> {
  await db
    .insert(signingKeys)
    .values({ kid: key.kid, publicJwk: key.publicJwk, ...sealedColumns(key.sealed) })
    .onConflictDoNothing();
}

/** Keys, retired ones included, still in cleartext or sealed with another KEK than `currentKekId`. */
export function findSigningKeysNotSealedWith(db: UsersDb, currentKekId: string): Promise<SigningKeyRow[]> {
  return db
    .select()
    .from(signingKeys)
    .where(or(isNotNull(signingKeys.privateJwk), ne(signingKeys.kekId, currentKekId)));
}

/**
 * Stores a key sealed anew, if the row is still as it was read (`was`: its KEK id, or null for
 * cleartext): replicas starting together each reseal, and only one write lands per row.
 */
export async function resealSigningKey(db: UsersDb, kid: string, was: string | null, sealed: SealedPrivateKey): Promise<void> {
  const unchanged = was === null ? isNotNull(signingKeys.privateJwk) : eq(signingKeys.kekId, was);
  await db
    .update(signingKeys)
    .set({ privateJwk: null, ...sealedColumns(sealed) })
    .where(and(eq(signingKeys.kid, kid), unchanged));
}

const sealedColumns = (sealed: SealedPrivateKey) => ({
  kekId: sealed.kekId,
  privateKeyIv: sealed.iv,
  privateKeyAuthTag: sealed.authTag,
  privateKeyCiphertext: sealed.ciphertext,
});
