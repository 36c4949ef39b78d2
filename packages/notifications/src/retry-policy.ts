import type { NotificationsEnv } from './env';

export type RetryPolicy = Pick<NotificationsEnv, 'NOTIFICATIONS_MAX_ATTEMPTS' | 'NOTIFICATIONS_RETRY_BASE_MS' | 'NOTIFICATIONS_RETRY_MAX_MS'>;

/** What happens to a notification after its attempt number `attempts` failed: try again at a time, or give up. */
export type AfterFailure = { retryAt: Date } | { deadLetter: true };

/** A failure no retry can mend (an unknown template, a payload the template cannot read): dead-lettered at once. */
export class PermanentDeliveryError extends Error {}

/**
 * True for failures retrying cannot mend: ours (PermanentDeliveryError) and an SMTP server's 5xx
 * answer (RFC 5321: permanent, e.g. 550 no such mailbox); 4xx answers and broken connections are
 * worth another attempt.
 */
export function isPermanentFailure(error: unknown): boolean {
  if (error instanceof PermanentDeliveryError) return true;
  const responseCode = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
}

/** Exponential backoff (base, 2x base, 4x base... capped), until the attempts are used up. */
export function afterFailedAttempt(attempts: number, policy: RetryPolicy, now: Date = new Date()): AfterFailure {
  if (attempts >= policy.NOTIFICATIONS_MAX_ATTEMPTS) return { deadLetter: true };
  const delay = Math.min(policy.NOTIFICATIONS_RETRY_BASE_MS * 2 ** (attempts - 1), policy.NOTIFICATIONS_RETRY_MAX_MS);
  return { retryAt: new Date(now.getTime() + delay) };
}

/** A failure's message as stored for admins: one line, bounded. */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 500);
}
