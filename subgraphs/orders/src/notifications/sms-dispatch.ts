import { attemptDelivery, type RetryPolicy, type SmsProvider } from '@shopgraph/notifications';
import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { lockDueTextMessages, nextTextMessageDueAt, recordTextMessageAttempt } from '../db/queries/text-messages';

const BATCH = 20;

/** Sends every due SMS through the provider, with the emails' retries and dead letters. */
export async function deliverDueTextMessages(db: OrdersDb, provider: SmsProvider, policy: RetryPolicy, logger: Logger): Promise<Date | null> {
  for (;;) {
    const locked = await db.transaction(async (tx) => {
      const batch = await lockDueTextMessages(tx, BATCH);
      for (const message of batch) {
        const outcome = await attemptDelivery(message.attempts, policy, () => provider.send({ to: message.toPhone, body: message.body }));
        if (!outcome.sent) logger.warn({ textMessageId: message.id, attempts: outcome.attempts, error: outcome.error }, 'could not send an SMS');
        await recordTextMessageAttempt(tx, message.id, outcome, provider.name);
      }
      return batch.length;
    });
    if (locked < BATCH) return nextTextMessageDueAt(db);
  }
}
