import type { Logger } from '@shopgraph/logging';
import type { EmailTransport } from './email';
import type { NotificationsEnv } from './env';
import { LogEmailTransport } from './log-email-transport';
import { createSmtpTransport } from './smtp-transport';

/** SMTP when SMTP_URL is set; otherwise (development) the log. */
export function emailTransportFor(settings: Pick<NotificationsEnv, 'SMTP_URL' | 'SMTP_FROM'>, logger: Logger): EmailTransport {
  return settings.SMTP_URL ? createSmtpTransport(settings.SMTP_URL, settings.SMTP_FROM) : new LogEmailTransport(logger);
}
