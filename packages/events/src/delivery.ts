import type { DomainEvent } from './event-bus';
import { isOutage } from './outage';

export interface RetryPolicy {
  /** Failed deliveries before an event is dead-lettered (failures from an outage do not count). */
  attempts: number;
  /** Milliseconds before the second delivery; doubled for each one after. */
  firstBackoffMs: number;
  /** The longest wait between deliveries while what the handler needs is down (default 5 s). */
  maxOutageBackoffMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, firstBackoffMs: 100, maxOutageBackoffMs: 5_000 };

/** How one delivery ended: handled, failed for good (dead-letter it), or cut short by the consumer stopping (leave it pending). */
export type DeliveryResult = { outcome: 'handled' } | { outcome: 'failed'; error: Error } | { outcome: 'stopped' };

/** Resolves after `ms`, or at once with false when `stopping` rejects first. */
async function pause(ms: number, stopping: Promise<never> | undefined): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), ...(stopping ? [stopping] : [])]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the handler until it succeeds or `policy.attempts` failures are spent. A failure that is an
 * outage (isOutage: the handler's database, Redis or a peer is unreachable) is not the event's
 * fault: it is retried, with a backoff capped at `maxOutageBackoffMs`, for as long as the outage
 * lasts, so a PostgreSQL restart dead-letters nothing. `stopping` (a promise that rejects when the
 * consumer stops) ends the waiting: the event stays where it was, for the next consumer.
 */
export async function deliverWithRetries(
  handle: (event: DomainEvent) => Promise<void>,
  event: DomainEvent,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  stopping?: Promise<never>,
): Promise<DeliveryResult> {
  let failures = 0;
  let outages = 0;
  for (;;) {
    try {
      await handle(event);
      return { outcome: 'handled' };
    } catch (thrown) {
      // Classified as thrown: an error from another realm (Node's own, under a test runner's vm) is no `instanceof Error`.
      const outage = isOutage(thrown);
      const error =
        thrown instanceof Error ? thrown : Object.assign(new Error(String((thrown as { message?: unknown })?.message ?? thrown)), { cause: thrown });
      if (outage) outages += 1;
      else failures += 1;
      if (!outage && failures >= policy.attempts) return { outcome: 'failed', error };
      const wait = outage
        ? Math.min(policy.firstBackoffMs * 2 ** (outages - 1), policy.maxOutageBackoffMs ?? DEFAULT_RETRY_POLICY.maxOutageBackoffMs!)
        : policy.firstBackoffMs * 2 ** (failures - 1);
      if (!(await pause(wait, stopping))) return { outcome: 'stopped' };
    }
  }
}

/** One event's delivery to a consumer group, once it is handled or has spent its retries. */
export interface Delivery {
  group: string;
  event: DomainEvent;
  outcome: 'handled' | 'dead-lettered';
}

export type DeliveryListener = (delivery: Delivery) => void;

/** Who hears about each delivery (a service's metrics); a listener that throws never fails the delivery. */
export class DeliveryListeners {
  private readonly listeners = new Set<DeliveryListener>();

  add(listener: DeliveryListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Delivers with retries (see deliverWithRetries), then tells the listeners how it ended, unless the consumer stopped first. */
  async deliver(
    group: string,
    handle: (event: DomainEvent) => Promise<void>,
    event: DomainEvent,
    policy?: RetryPolicy,
    stopping?: Promise<never>,
  ): Promise<DeliveryResult> {
    const result = await deliverWithRetries(handle, event, policy, stopping);
    if (result.outcome === 'stopped') return result;
    const delivery: Delivery = { group, event, outcome: result.outcome === 'failed' ? 'dead-lettered' : 'handled' };
    for (const listener of this.listeners) {
      try {
        listener(delivery);
      } catch {
        // Metrics must not decide whether an event was delivered.
      }
    }
    return result;
  }
}
