import { and, eq, isNull, ne } from 'drizzle-orm';
import type { UsersExecutor, UsersTx as Tx } from '../database';
import { refreshTokens, type RefreshTokenRow } from '../schema';

export async function insertRefreshToken(tx: UsersExecutor, row: Pick<RefreshTokenRow, 'familyId' | 'userId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
  await tx.insert(refreshTokens).values(row);
}

/** Locks the token's row so two concurrent uses of one token cannot both succeed. */
export async function lockRefreshToken(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | null> {
  const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).for('update').limit(1);
  return row ?? null;
}

export async function markRotated(tx: Tx, id: string): Promise<void> {
  await tx.update(refreshTokens).set({ rotatedAt: new Date() }).where(eq(refreshTokens.id, id));
}

export async function revokeFamily(tx: UsersExecutor, familyId: string): Promise<void> {
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

/** Revokes every session of a user but, optionally, one family (the one changing the password). */
export async function revokeUserSessions(tx: UsersExecutor, userId: string, exceptFamilyId?: string): Promise<void> {
  const others = exceptFamilyId ? ne(refreshTokens.familyId, exceptFamilyId) : undefined;
  await tx
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt), others));
}
