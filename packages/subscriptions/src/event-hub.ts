import { cursorAfter, type CursoredEvent, type EventBus } from '@shopgraph/events';

/** Listeners woken per turn of the event loop. */
const FAN_OUT_SLICE = 250;

interface StreamState {
  closed: boolean;
  wake?: () => void;
  /** Called once when the subscriber falls too far behind: the transport disconnects it. */
  onOverflow?: () => void;
}

/** Raised into a subscription whose client reads slower than events arrive. */
export class SlowConsumerError extends Error {
  constructor() {
    super('The client did not keep up with its events');
  }
}

// The cursor of each value a stream yielded, for the server to put in its `next` message.
const cursors = new WeakMap<object, string>();

/**
 * Where a subscription without a cursor starts (after the topic's newest event when it opened):
 * yielded first by such a stream, and sent to the gateway as a result with only
 * `extensions.cursor`, so a drop before its first event still resumes without a gap.
 */
export class StreamPosition {
  constructor(readonly cursor: string) {}
}

/** The cursor of the event a value of `EventHub.events` was selected from. */
export function cursorOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? cursors.get(value) : undefined;
}

function tagged<T>(value: T, cursor: string): T {
  if (typeof value === 'object' && value !== null) cursors.set(value, cursor);
  return value;
}

export interface HubOptions {
  /** Events waiting for one subscriber before it is cut off as a slow consumer. */
  maxQueuedEvents: number;
  /** Events read per history page when replaying. */
  replayPageSize?: number;
}

/**
 * One follower per topic per process, fanned out in memory to every subscriber on it: a thousand
 * subscribers cost one Redis reader, not a thousand. Any subgraph serves its subscriptions from one.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<(entry: CursoredEvent) => void>>();
  private readonly following = new Map<string, Promise<() => Promise<void>>>();

  constructor(
    private readonly bus: EventBus,
    private readonly options: HubOptions,
  ) {}

  /**
   * Events of a topic that `select` maps to an object (null: not for this subscriber): first those
   * after `after` from the retained history (24 hours), then live ones, each exactly once and in
   * order, each tagged with its cursor (`cursorOf`). Live events are registered before history is read
   * and de-duplicated by cursor, so none falls in the gap between the two.
   */
  events<T extends object>(
    topic: string,
    after: string | undefined,
    select: (entry: CursoredEvent) => T | null,
    onOverflow?: () => void,
  ): AsyncIterableIterator<T> {
    const state: StreamState = { closed: false, onOverflow };
    const generator = this.run(topic, after, select, state);
    return {
      next: () => generator.next(),
      // A client that unsubscribes while no event is due must not wait for one to be cleaned up.
      return: async () => {
        state.closed = true;
        state.wake?.();
        return generator.return(undefined);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private async *run<T extends object>(
    topic: string,
    after: string | undefined,
    select: (entry: CursoredEvent) => T | null,
    state: StreamState,
  ): AsyncGenerator<T> {
    const queue: CursoredEvent[] = [];
    let overflow = false;
    const listener = (entry: CursoredEvent) => {
      if (queue.length < this.options.maxQueuedEvents) queue.push(entry);
      else if (!overflow) {
        overflow = true;
        state.onOverflow?.();
      }
      state.wake?.();
    };
    await this.listen(topic, listener);
    try {
      // "From now" is after the topic's newest event, not after what this process's follower has
      // read: under a backlog the follower lags, and events older than the subscription would pass as live.
      let last = after ?? (await this.bus.newestCursor(topic));
      // Typed as the stream's values for its consumers, which only the subscription server is (source-stream.ts).
      if (after === undefined) yield new StreamPosition(last) as unknown as T;
      const pageSize = this.options.replayPageSize ?? 500;
      for (;;) {
        const page = await this.bus.history(topic, last, pageSize);
        for (const entry of page) {
          last = entry.cursor;
          const selected = select(entry);
          if (selected !== null) yield tagged(selected, entry.cursor);
        }
        if (page.length < pageSize || state.closed) break;
      }
      while (!state.closed) {
        if (overflow) throw new SlowConsumerError();
        const entry = queue.shift();
        if (!entry) {
          await new Promise<void>((resolve) => (state.wake = resolve));
          state.wake = undefined;
          continue;
        }
        if (!cursorAfter(entry.cursor, last)) continue;
        last = entry.cursor;
        const selected = select(entry);
        if (selected !== null) yield tagged(selected, entry.cursor);
      }
    } finally {
      this.listeners.get(topic)?.delete(listener);
    }
  }

  private async listen(topic: string, listener: (entry: CursoredEvent) => void): Promise<void> {
    if (!this.listeners.has(topic)) this.listeners.set(topic, new Set());
    this.listeners.get(topic)!.add(listener);
    if (!this.following.has(topic))
      this.following.set(
        topic,
        this.bus.follow(topic, (entry) => this.fanOut(topic, entry)),
      );
    await this.following.get(topic);
  }

  /**
   * Hands an event to every listener, a slice at a time with a turn of the event loop between
   * slices, so ten thousand subscribers do not hold up pongs, HTTP requests and health checks.
   */
  private fanOut(topic: string, entry: CursoredEvent): void {
    const listeners = [...(this.listeners.get(topic) ?? [])];
    const slice = (start: number) => {
      for (const listener of listeners.slice(start, start + FAN_OUT_SLICE)) listener(entry);
      if (start + FAN_OUT_SLICE < listeners.length) setImmediate(() => slice(start + FAN_OUT_SLICE));
    };
    slice(0);
  }

  /** Listeners open now, for metrics and tests. */
  openListeners(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  async close(): Promise<void> {
    for (const stop of this.following.values()) await (await stop)();
    this.following.clear();
    this.listeners.clear();
  }
}
