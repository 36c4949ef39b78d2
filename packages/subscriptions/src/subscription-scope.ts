import type { CursoredEvent } from '@shopgraph/events';
import type { EventHub } from './event-hub';

/**
 * What a subscription resolver reads its events through, one per operation: it resumes from the
 * gateway's `resumeAfter` when the gateway subscribes again after a drop. One that falls
 * `maxQueuedEvents` behind ends with a SLOW_CONSUMER error (source-stream.ts).
 */
export interface SubscriptionScope {
  /**
   * The topic's events that `select` keeps, from after `after` (the client's argument; the
   * gateway's resume cursor wins when there is one: it is never older), then live ones.
   */
  events<T extends object>(topic: string, after: string | undefined, select: (entry: CursoredEvent) => T | null): AsyncIterableIterator<T>;
}

export function subscriptionScope(hub: EventHub, resumeAfter: string | undefined): SubscriptionScope {
  return { events: (topic, after, select) => hub.events(topic, resumeAfter ?? after, select) };
}
