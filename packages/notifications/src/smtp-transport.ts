import { createTransport } from 'nodemailer';
import type { EmailTransport, OutgoingEmail } from './email';

/** Bounded so a silent server cannot hold a dispatcher's transaction (and its row locks) for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends over SMTP with nodemailer: SMTP_URL says where (and with which credentials), SMTP_FROM as whom. */
export function createSmtpTransport(smtpUrl: string, from: string): EmailTransport {
  const transporter = createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    async send(email: OutgoingEmail) {
      await transporter.sendMail({ from, to: email.to, subject: email.subject, text: email.text, html: email.html, messageId: email.messageId });
    },
    close: () => transporter.close(),
  };
}
