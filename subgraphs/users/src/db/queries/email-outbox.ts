import { and, asc, desc, eq, isNotNull, isNull, lte, min, sql } from 'drizzle-orm';
import { outcomeChanges, type AttemptOutcome } from '@shopgraph/notifications';
import type { UsersDb, UsersExecutor, UsersTx } from '../database';
import { outbox, type OutboxRow } from '../schema';

/** The outbox topic of emails; the email dispatcher is its only reader. */
export const EMAIL_TOPIC = 'notifications.email';

/** Notified by every transaction that queues an email: each replica's dispatcher listens and sends it at once. */
export const EMAIL_CHANNEL = 'shopgraph_users_email';

/**
 * Queues an email in the caller's transaction. The NOTIFY is delivered only if that transaction
 * commits, and only then: a listening dispatcher never looks before the row is visible.
 */
export async function enqueueEmailEvent(tx: UsersExecutor, payload: Record<string, unknown>): Promise<void> {
  await tx.insert(outbox).values({ topic: EMAIL_TOPIC, payload });
  await tx.execute(sql`select pg_notify(${EMAIL_CHANNEL}, '')`);
}

const dueEmail = () => and(eq(outbox.topic, EMAIL_TOPIC), isNull(outbox.publishedAt), isNull(outbox.deadAt));

/** Email events due for an attempt, oldest first, locked so two dispatchers never send the same one. */
export function lockDueEmailEvents(tx: UsersTx, limit: number): Promise<OutboxRow[]> {
  return tx
    .select()
    .from(outbox)
    .where(and(dueEmail(), lte(outbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Stores what an attempt came to; published_at is when the SMTP server accepted the email. */
export async function recordEmailEventAttempt(tx: UsersTx, id: string, outcome: AttemptOutcome): Promise<void> {
  const { deliveredAt, ...changes } = outcomeChanges(outcome);
  await tx
    .update(outbox)
    .set({ ...changes, ...(deliveredAt ? { publishedAt: deliveredAt } : {}) })
    .where(eq(outbox.id, id));
}

export async function nextEmailEventDueAt(db: UsersDb): Promise<Date | null> {
  const [row] = await db
    .select({ due: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(dueEmail());
  return row?.due ?? null;
}

/** Dead-lettered email events, most recently given up first. */
export function findDeadEmailEvents(db: UsersDb, limit: number): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.topic, EMAIL_TOPIC), isNotNull(outbox.deadAt)))
    .orderBy(desc(outbox.deadAt), desc(outbox.id))
    .limit(limit);
}
