import type { DomainEvent } from './event-bus';

export interface RetryPolicy {
  /** Deliveries before an event is dead-lettered. */
  attempts: number;
  /** Milliseconds before the second delivery; doubled for each one after. */
  firstBackoffMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, firstBackoffMs: 100 };

/** Runs the handler until it succeeds or the attempts are spent; returns the last error, if any. */
export async function deliverWithRetries(
  handle: (event: DomainEvent) => Promise<void>,
  event: DomainEvent,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<Error | undefined> {
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, policy.firstBackoffMs * 2 ** (attempt - 1)));
    try {
      await handle(event);
      return undefined;
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
  }
  return lastError;
}
