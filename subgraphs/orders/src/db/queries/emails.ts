import { and, asc, desc, eq, isNotNull, isNull, lte, min, sql } from 'drizzle-orm';
import { outcomeChanges, type AttemptOutcome } from '@shopgraph/notifications';
import type { OrdersDb, OrdersTx } from '../database';
import { emails, type EmailRow } from '../schema';

export type NewEmail = Omit<typeof emails.$inferInsert, 'id' | 'createdAt' | 'sentAt' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'deadAt'>;

export async function insertEmail(tx: OrdersTx, email: NewEmail): Promise<void> {
  await tx.insert(emails).values(email);
}

/** Emails due for an attempt, oldest first, locked so two dispatchers never send the same one. */
export function lockDueEmails(tx: OrdersTx, limit: number): Promise<EmailRow[]> {
  return tx
    .select()
    .from(emails)
    .where(and(isNull(emails.sentAt), isNull(emails.deadAt), lte(emails.nextAttemptAt, sql`now()`)))
    .orderBy(asc(emails.nextAttemptAt), asc(emails.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Stores what an attempt came to: sent, due again later, or dead-lettered. */
export async function recordEmailAttempt(tx: OrdersTx, id: string, outcome: AttemptOutcome): Promise<void> {
  const { deliveredAt, ...changes } = outcomeChanges(outcome);
  await tx
    .update(emails)
    .set({ ...changes, ...(deliveredAt ? { sentAt: deliveredAt } : {}) })
    .where(eq(emails.id, id));
}

/** When the next unsent, living email falls due; null when none waits. */
export async function nextEmailDueAt(db: OrdersDb): Promise<Date | null> {
  const [row] = await db
    .select({ due: min(emails.nextAttemptAt) })
    .from(emails)
    .where(and(isNull(emails.sentAt), isNull(emails.deadAt)));
  return row?.due ?? null;
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

/** Dead-lettered emails, most recently given up first. */
export function findDeadEmails(db: OrdersDb, limit: number): Promise<EmailRow[]> {
  return db.select().from(emails).where(isNotNull(emails.deadAt)).orderBy(desc(emails.deadAt), desc(emails.id)).limit(limit);
}
