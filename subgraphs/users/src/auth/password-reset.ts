import { randomBytes } from 'node:crypto';
import type { UsersDb } from '../db/database';
import { enqueueEmailEvent } from '../db/queries/email-outbox';
import { consumePasswordResetToken, insertPasswordResetToken } from '../db/queries/password-resets';
import { revokeUserSessions } from '../db/queries/sessions';
import { updateUser } from '../db/queries/users';
import { hashPassword } from './passwords';
import { hashToken } from './sessions';

export const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

/** Issues a reset token and, in the same transaction, the email that carries it (through the outbox). */
export async function issuePasswordReset(db: UsersDb, user: { id: string; email: string; name: string }): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await insertPasswordResetToken(tx, { tokenHash: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS) });
    await enqueueEmailEvent(tx, { template: 'password-reset', to: user.email, name: user.name, token });
  });
}

/** Sets the new password if the token is valid, unused and unexpired; ends every session. */
export async function completePasswordReset(db: UsersDb, token: string, newPassword: string): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const reset = await consumePasswordResetToken(tx, hashToken(token));
    if (!reset || reset.expiresAt.getTime() <= Date.now()) return false;
    await updateUser(tx, reset.userId, { passwordHash });
    await revokeUserSessions(tx, reset.userId);
    return true;
  });
}
