import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { OrdersDb, OrdersTx } from '../database';
import { emails, type EmailRow } from '../schema';

export type NewEmail = Omit<typeof emails.$inferInsert, 'id' | 'createdAt' | 'sentAt'>;

export async function insertEmail(tx: OrdersTx, email: NewEmail): Promise<void> {
  await tx.insert(emails).values(email);
}

/** Unsent emails, oldest first, locked so two senders never send the same one. */
export function lockUnsentEmails(tx: OrdersTx, limit: number): Promise<EmailRow[]> {
  return tx.select().from(emails).where(isNull(emails.sentAt)).orderBy(asc(emails.createdAt)).limit(limit).for('update', { skipLocked: true });
}

export async function markEmailSent(tx: OrdersTx, id: string): Promise<void> {
  await tx
    .update(emails)
    .set({ sentAt: sql`now()` })
    .where(eq(emails.id, id));
}

/** The newest emails: everyone's, or one user's. */
export function findRecentEmails(db: OrdersDb, userId: string | null, limit: number): Promise<EmailRow[]> {
  return db
    .select()
    .from(emails)
    .where(userId ? and(eq(emails.userId, userId)) : undefined)
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(limit);
}
