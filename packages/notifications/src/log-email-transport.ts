import type { Logger } from '@shopgraph/logging';
import type { EmailTransport, OutgoingEmail } from './email';

/**
 * Development without SMTP_URL: nothing leaves the machine, the email is only logged. Orders'
 * emails stay readable in devMailbox; account emails in the users outbox.
 */
export class LogEmailTransport implements EmailTransport {
  constructor(private readonly logger: Logger) {}

  async send(email: OutgoingEmail): Promise<void> {
    this.logger.info({ to: email.to, messageId: email.messageId }, `email: ${email.subject}`);
  }
}
