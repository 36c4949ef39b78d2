import type { NotificationsEnv } from './env';

export type RetryPolicy = Pick<NotificationsEnv, 'NOTIFICATIONS_MAX_ATTEMPTS' | 'NOTIFICATIONS_RETRY_BASE_MS' | 'NOTIFICATIONS_RETRY_MAX_MS'>;

/** What happens to a notification after its attempt number `attempts` failed: try again at a time, or give up. */
export type AfterFailure = { retryAt: Date } | { deadLetter: true };

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
