import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UsersDb, UsersExecutor } from '../db/database';
import { insertRefreshToken, lockRefreshToken, markRotated, revokeFamily } from '../db/queries/sessions';

const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

async function issueRefreshToken(tx: UsersExecutor, userId: string, familyId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertRefreshToken(tx, { familyId, userId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_MS) });
  return token;
}

/** A new session (a refresh-token family) for a user who just proved who they are. */
export async function startSession(db: UsersDb, userId: string): Promise<{ refreshToken: string; familyId: string }> {
  const familyId = randomUUID();
  return { refreshToken: await issueRefreshToken(db, userId, familyId), familyId };
}

export type RotateResult =
  { ok: true; userId: string; refreshToken: string; familyId: string } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'reused' };

/**
 * Trades a refresh token for its successor. A token used twice was copied: the whole family is
 * revoked (committed, not rolled back) and both holders must log in again.
 */
export function rotateRefreshToken(db: UsersDb, token: string): Promise<RotateResult> {
  return db.transaction(async (tx): Promise<RotateResult> => {
    const row = await lockRefreshToken(tx, hashToken(token));
    if (!row) return { ok: false, reason: 'unknown' };
    if (row.revokedAt) return { ok: false, reason: 'revoked' };
    if (row.rotatedAt) {
      await revokeFamily(tx, row.familyId);
      return { ok: false, reason: 'reused' };
    }
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
    await markRotated(tx, row.id);
    return { ok: true, userId: row.userId, familyId: row.familyId, refreshToken: await issueRefreshToken(tx, row.userId, row.familyId) };
  });
}

/** Ends the session a refresh token belongs to; false when the token is unknown. */
export function endSession(db: UsersDb, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const row = await lockRefreshToken(tx, hashToken(token));
    if (!row) return false;
    await revokeFamily(tx, row.familyId);
    return true;
  });
}

export { hashToken };
