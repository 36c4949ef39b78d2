/** One email as it leaves: the content a template rendered, and the Message-ID its event gives it. */
export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Derived from the event that caused the email, so a resend after a crash carries the same one. */
  messageId: string;
}

/** Delivers one email. Throwing means not delivered: the dispatcher tries again later. */
export interface EmailTransport {
  send(email: OutgoingEmail): Promise<void>;
  close?(): void;
}

/**
 * `<key@domain>`: the key is the event's id (orders:42, users:<uuid>) with the kind, the domain the
 * From address's. The same event always gives the same Message-ID, so duplicates are recognisable.
 */
export function messageIdFor(eventKey: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'shopgraph.dev';
  return `<${eventKey.replace(/[^A-Za-z0-9._-]/g, '.')}@${domain}>`;
}
