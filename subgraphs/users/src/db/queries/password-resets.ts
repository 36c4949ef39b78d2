import { and, eq, isNull } from 'drizzle-orm';
import type { UsersExecutor, UsersTx } from '../database';
import { passwordResetTokens } from '../schema';

export async function insertPasswordResetToken(tx: UsersExecutor, row: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await tx.insert(passwordResetTokens).values(row);
}

/** Marks an unused token used and returns its user, under a row lock: a token works once. */
export async function consumePasswordResetToken(tx: UsersTx, tokenHash: string): Promise<{ userId: string; expiresAt: Date } | null> {
  const [row] = await tx
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt)))
    .for('update')
    .limit(1);
  if (!row) return null;
  await tx.update(passwordResetTokens).set({ usedAt: new Date() }).where(eq(passwordResetTokens.tokenHash, tokenHash));
  return row;
}
