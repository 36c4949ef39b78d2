import { attemptDelivery, messageIdFor, type EmailTransport, type RetryPolicy } from '@shopgraph/notifications';
import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { lockDueEmails, nextEmailDueAt, recordEmailAttempt } from '../db/queries/emails';
import type { EmailRow } from '../db/schema';

const BATCH = 20;

export interface EmailDispatchSettings extends RetryPolicy {
  SMTP_FROM: string;
}

/** The Message-ID an email always leaves with: from its event (and kind), so a resend after a crash is recognisable. */
export function orderEmailMessageId(email: EmailRow, from: string): string {
  return messageIdFor(email.eventId ? `${email.eventId}:${email.kind}` : `orders:email:${email.id}`, from);
}

/**
 * Sends every due email, a locked batch per transaction. The row is marked sent only after the
 * server accepted it and in the transaction that locked it: a process that dies mid-send leaves it
 * unsent, and the next pass (this process's or another's) sends it again (at least once).
 */
export async function deliverDueEmails(db: OrdersDb, transport: EmailTransport, settings: EmailDispatchSettings, logger: Logger): Promise<Date | null> {
  for (;;) {
    const locked = await db.transaction(async (tx) => {
      const batch = await lockDueEmails(tx, BATCH);
      for (const email of batch) {
        const outcome = await attemptDelivery(email.attempts, settings, () =>
          transport.send({
            to: email.toAddress,
            subject: email.subject,
            text: email.body,
            html: email.html ?? email.body,
            messageId: orderEmailMessageId(email, settings.SMTP_FROM),
          }),
        );
        if (!outcome.sent) logger.warn({ emailId: email.id, attempts: outcome.attempts, error: outcome.error }, 'could not send an email');
        await recordEmailAttempt(tx, email.id, outcome);
      }
      return batch.length;
    });
    if (locked < BATCH) return nextEmailDueAt(db);
  }
}
