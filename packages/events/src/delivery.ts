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

  /** Delivers with retries, then tells the listeners how it ended; returns the last error, if any. */
  async deliver(group: string, handle: (event: DomainEvent) => Promise<void>, event: DomainEvent, policy?: RetryPolicy): Promise<Error | undefined> {
    const error = await deliverWithRetries(handle, event, policy);
    const delivery: Delivery = { group, event, outcome: error ? 'dead-lettered' : 'handled' };
    for (const listener of this.listeners) {
      try {
        listener(delivery);
      } catch {
        // Metrics must not decide whether an event was delivered.
      }
    }
    return error;
  }
}
