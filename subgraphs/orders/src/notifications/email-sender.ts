import type { Logger } from '@shopgraph/logging';
import type { EmailRow } from '../db/schema';

/** Delivers one email (SMTP, a provider's API...). Throwing leaves it unsent, to be tried again. */
export interface EmailSender {
  send(email: EmailRow): Promise<void>;
}

/** The development sender: nothing leaves the machine; the email is logged and stays readable in devMailbox. */
export class LogEmailSender implements EmailSender {
  constructor(private readonly logger: Logger) {}

  async send(email: EmailRow): Promise<void> {
    this.logger.info({ to: email.toAddress, kind: email.kind, orderId: email.orderId }, `email: ${email.subject}`);
  }
}
