import { and, desc, inArray, isNull } from 'drizzle-orm';
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
  if (retire.length > 0) await db.update(signingKeys).set({ retiredAt: new Date() }).where(and(inArray(signingKeys.kid, retire), isNull(signingKeys.retiredAt)));
}

export async function insertSigningKey(db: UsersDb, key: Pick<SigningKeyRow, 'kid' | 'privateJwk' | 'publicJwk'>): Promise<void> {
  await db.insert(signingKeys).values(key).onConflictDoNothing();
}
