import { desc, isNull } from 'drizzle-orm';
import type { UsersDb } from '../database';
import { signingKeys } from '../schema';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

/** Keys not yet retired, newest first: the first signs, all verify. */
export function findActiveSigningKeys(db: UsersDb): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
}

export async function insertSigningKey(db: UsersDb, key: Pick<SigningKeyRow, 'kid' | 'privateJwk' | 'publicJwk'>): Promise<void> {
  await db.insert(signingKeys).values(key).onConflictDoNothing();
}
