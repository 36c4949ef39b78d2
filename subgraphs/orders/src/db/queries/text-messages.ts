import { and, asc, desc, eq, isNotNull, isNull, lte, min, sql } from 'drizzle-orm';
import { outcomeChanges, type AttemptOutcome } from '@shopgraph/notifications';
import type { OrdersDb, OrdersTx } from '../database';
import { textMessages, type TextMessageRow } from '../schema';

export type NewTextMessage = Pick<typeof textMessages.$inferInsert, 'userId' | 'orderId' | 'kind' | 'toPhone' | 'body' | 'eventId'>;

export async function insertTextMessage(tx: OrdersTx, message: NewTextMessage): Promise<void> {
  await tx.insert(textMessages).values(message);
}

/** Text messages due for an attempt, oldest first, locked so two dispatchers never send the same one. */
export function lockDueTextMessages(tx: OrdersTx, limit: number): Promise<TextMessageRow[]> {
  return tx
    .select()
    .from(textMessages)
    .where(and(isNull(textMessages.sentAt), isNull(textMessages.deadAt), lte(textMessages.nextAttemptAt, sql`now()`)))
    .orderBy(asc(textMessages.nextAttemptAt), asc(textMessages.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** Stores what an attempt came to; a sent message keeps the provider's name and id as its record. */
export async function recordTextMessageAttempt(tx: OrdersTx, id: string, outcome: AttemptOutcome, provider: string): Promise<void> {
  const { deliveredAt, ...changes } = outcomeChanges(outcome);
  const record = outcome.sent ? { sentAt: deliveredAt, provider, providerMessageId: outcome.providerId ?? null } : {};
  await tx
    .update(textMessages)
    .set({ ...changes, ...record })
    .where(eq(textMessages.id, id));
}

export async function nextTextMessageDueAt(db: OrdersDb): Promise<Date | null> {
  const [row] = await db
    .select({ due: min(textMessages.nextAttemptAt) })
    .from(textMessages)
    .where(and(isNull(textMessages.sentAt), isNull(textMessages.deadAt)));
  return row?.due ?? null;
}

/** The newest text messages: everyone's, or one user's. */
export function findRecentTextMessages(db: OrdersDb, userId: string | null, limit: number): Promise<TextMessageRow[]> {
  return db
    .select()
    .from(textMessages)
    .where(userId ? eq(textMessages.userId, userId) : undefined)
    .orderBy(desc(textMessages.createdAt), desc(textMessages.id))
    .limit(limit);
}

/** Dead-lettered text messages, most recently given up first. */
export function findDeadTextMessages(db: OrdersDb, limit: number): Promise<TextMessageRow[]> {
  return db.select().from(textMessages).where(isNotNull(textMessages.deadAt)).orderBy(desc(textMessages.deadAt), desc(textMessages.id)).limit(limit);
}
