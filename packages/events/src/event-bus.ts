import type { DeliveryListener } from './delivery';

/** One fact a service committed, as it travels from its outbox to other services. */
export interface DomainEvent<TPayload = Record<string, unknown>> {
  /** Unique per event: `<source service>:<outbox row id>`; consumers de-duplicate on it. */
  id: string;
  topic: string;
  /** The service whose transaction wrote it. */
  source: string;
  occurredAt: string;
  payload: TPayload;
}

export interface SubscribeOptions {
  topics: readonly string[];
  /**
   * Consumer group: each event reaches one member of each group, so every service gets every
   * event once however many processes it runs.
   */
  group: string;
  /** Called once per delivery; throwing makes the event be retried, then dead-lettered (an outage, see isOutage, is retried until it ends). */
  handle(event: DomainEvent): Promise<void>;
}

/** Events between services: Redis Streams with consumer groups, or in-process in the single-process mode. */
export interface EventBus {
  /** Calls `listener` after each delivery to a consumer group of this process; returns the function that stops it. */
  onDelivery(listener: DeliveryListener): () => void;
  publish(events: readonly DomainEvent[]): Promise<void>;
  /** Resolves once the group exists and delivery has started; call the returned function to stop. */
  subscribe(options: SubscribeOptions): Promise<() => Promise<void>>;
  /**
   * Every event of a topic from now on, to every caller (no group): what a gateway process fans
   * out to its subscribers. Cursors increase in publish order.
   */
  follow(topic: string, onEvent: (event: CursoredEvent) => void): Promise<() => Promise<void>>;
  /**
   * The cursor of a topic's newest event (none yet: '0-0'): a subscription that starts "now" starts
   * after it, whether or not this process's follower has read that far.
   */
  newestCursor(topic: string): Promise<string>;
  /** Up to `limit` events of a topic published after the `after` cursor, oldest first, from the retention window. */
  history(topic: string, after: string, limit: number): Promise<CursoredEvent[]>;
  /** Events of a topic that failed every retry, oldest first. */
  deadLetters(topic: string): Promise<DeadLetter[]>;
  /** Puts a topic's dead letters back on the topic (for every group) and returns how many. */
  replayDeadLetters(topic: string): Promise<number>;
  close(): Promise<void>;
}

export interface DeadLetter {
  event: DomainEvent;
  group: string;
  error: string;
}

/** An event with its position in its topic's stream: clients resume after it. */
export interface CursoredEvent {
  cursor: string;
  event: DomainEvent;
}

/** How long a topic's events stay readable by `history` (default 24 hours). */
export const DEFAULT_RETENTION_MS = 24 * 60 * 60 * 1000;

/** Cursors are `<milliseconds>-<sequence>`, as Redis stream ids: true when `a` comes after `b`. */
export function cursorAfter(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}

const CURSOR = /^\d{1,15}-\d{1,15}$/;

export function isCursor(value: string): boolean {
  return CURSOR.test(value);
}
