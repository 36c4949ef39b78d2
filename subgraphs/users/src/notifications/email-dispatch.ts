import { attemptDelivery, messageIdFor, type EmailTransport, type RetryPolicy } from '@shopgraph/notifications';
import type { Logger } from '@shopgraph/logging';
import type { UsersDb } from '../db/database';
import { lockDueEmailEvents, nextEmailEventDueAt, recordEmailEventAttempt } from '../db/queries/email-outbox';
import { renderAccountEmail } from './account-emails';

const BATCH = 20;

export interface AccountEmailSettings extends RetryPolicy {
  SMTP_FROM: string;
}

/**
 * Sends every due email event of the outbox, a locked batch per transaction; marked published only
 * once the server accepted it, so a process that dies mid-send sends it again when it (or another)
 * comes back. The Message-ID derives from the outbox row, the same on every attempt.
 */
export async function deliverDueAccountEmails(db: UsersDb, transport: EmailTransport, settings: AccountEmailSettings, logger: Logger): Promise<Date | null> {
  for (;;) {
    const locked = await db.transaction(async (tx) => {
      const batch = await lockDueEmailEvents(tx, BATCH);
      for (const event of batch) {
        const outcome = await attemptDelivery(event.attempts, settings, async () => {
          const email = renderAccountEmail(event.payload);
          await transport.send({ ...email, messageId: messageIdFor(`users:${event.id}:${email.template}`, settings.SMTP_FROM) });
        });
        if (!outcome.sent) logger.warn({ outboxId: event.id, attempts: outcome.attempts, error: outcome.error }, 'could not send an email');
        await recordEmailEventAttempt(tx, event.id, outcome);
      }
      return batch.length;
    });
    if (locked < BATCH) return nextEmailEventDueAt(db);
  }
}
