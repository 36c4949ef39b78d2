import type { Logger } from '@shopgraph/logging';
import { afterFailedAttempt, describeFailure, isPermanentFailure, type RetryPolicy } from './retry-policy';

/** What one attempt came to, for the outbox row: sent, due again at a time, or dead-lettered. */
export type AttemptOutcome =
  | { sent: true; attempts: number; providerId?: string }
  | { sent: false; attempts: number; error: string; retryAt: Date }
  | { sent: false; attempts: number; error: string; deadLetter: true };

/** Runs one attempt of a notification that has had `previousAttempts` already, and says what it came to. */
export async function attemptDelivery(previousAttempts: number, policy: RetryPolicy, send: () => Promise<string | void>): Promise<AttemptOutcome> {
  const attempts = previousAttempts + 1;
  try {
    const providerId = await send();
    return { sent: true, attempts, ...(providerId ? { providerId } : {}) };
  } catch (error) {
    const after = isPermanentFailure(error) ? ({ deadLetter: true } as const) : afterFailedAttempt(attempts, policy);
    return { sent: false, attempts, error: describeFailure(error), ...after };
  }
}

/** The outbox columns an outcome sets, whatever the table calls "delivered" (sent_at, published_at). */
export interface OutcomeChanges {
  attempts: number;
  lastError: string | null;
  nextAttemptAt?: Date;
  deadAt?: Date;
  deliveredAt?: Date;
}

export function outcomeChanges(outcome: AttemptOutcome, now: Date = new Date()): OutcomeChanges {
  if (outcome.sent) return { attempts: outcome.attempts, lastError: null, deliveredAt: now };
  if ('retryAt' in outcome) return { attempts: outcome.attempts, lastError: outcome.error, nextAttemptAt: outcome.retryAt };
  return { attempts: outcome.attempts, lastError: outcome.error, deadAt: now };
}

export interface DispatcherOptions {
  /** Sends every notification that is due now; returns when the next one falls due (null: none waits). */
  deliverDue(): Promise<Date | null>;
  /** The longest an idle dispatcher sleeps: a write another process made is found at the latest then. */
  pollMs: number;
  logger: Logger;
}

export interface Dispatcher {
  /** Something was written: look now instead of at the next poll. */
  wake(): void;
  /** Finishes the pass under way, then stops. */
  stop(): Promise<void>;
}

/**
 * Delivers an outbox's notifications: a pass now, then one whenever woken, when the earliest retry
 * falls due, or at the poll interval. A pass that throws (database away) is tried again at the next.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  let stopped = false;
  let woken = false;
  let wakeSleep: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let nextDue: Date | null = null;
      try {
        nextDue = await options.deliverDue();
      } catch (error) {
        options.logger.warn({ err: error }, 'notification dispatch failed; will retry');
      }
      if (woken || stopped) continue;
      const wait = Math.max(0, Math.min(options.pollMs, nextDue ? nextDue.getTime() - Date.now() : options.pollMs));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        wakeSleep = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeSleep = undefined;
    }
  })();
  return {
    wake: () => {
      woken = true;
      wakeSleep?.();
    },
    stop: async () => {
      stopped = true;
      wakeSleep?.();
      await loop;
    },
  };
}
