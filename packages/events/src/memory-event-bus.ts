import { stopper } from './stopper';
import { DeliveryListeners, type DeliveryListener, type RetryPolicy } from './delivery';
import { cursorAfter, DEFAULT_RETENTION_MS, type CursoredEvent, type DeadLetter, type DomainEvent, type EventBus, type SubscribeOptions } from './event-bus';

/** The in-process window also has a size bound, so a busy development process does not grow without end. */
const MAX_KEPT_PER_TOPIC = 100_000;

interface Group {
  handle(event: DomainEvent): Promise<void>;
  /** Deliveries to a group run one after another, in publish order. */
  queue: Promise<void>;
  /** Rejects when the group's subscription stops: a delivery waiting out an outage gives up (nothing is kept in-process). */
  stopping: Promise<never>;
  stop(): void;
}

/** The single-process mode's event bus: same contract as the Redis one, nothing survives a restart. */
export class MemoryEventBus implements EventBus {
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly deliveries = new DeliveryListeners();
  private readonly dead = new Map<string, DeadLetter[]>();
  private readonly followers = new Map<string, Set<(event: CursoredEvent) => void>>();
  /** Each topic's events within the retention window, oldest first. */
  private readonly kept = new Map<string, { at: number; entry: CursoredEvent }[]>();
  private lastMs = 0;
  private sequence = 0;

  constructor(
    private readonly policy?: RetryPolicy,
    private readonly retentionMs = DEFAULT_RETENTION_MS,
  ) {}

  private nextCursor(): string {
    const now = Date.now();
    if (now > this.lastMs) {
      this.lastMs = now;
      this.sequence = 0;
    } else this.sequence += 1;
    return `${this.lastMs}-${this.sequence}`;
  }

  onDelivery(listener: DeliveryListener): () => void {
    return this.deliveries.add(listener);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      const entry = { cursor: this.nextCursor(), event };
      const kept = this.kept.get(event.topic) ?? [];
      kept.push({ at: Date.now(), entry });
      while (kept.length > 0 && (kept[0]!.at < Date.now() - this.retentionMs || kept.length > MAX_KEPT_PER_TOPIC)) kept.shift();
      this.kept.set(event.topic, kept);
      for (const follower of this.followers.get(event.topic) ?? []) follower(entry);
      for (const [name, group] of this.groups.get(event.topic) ?? []) {
        group.queue = group.queue.then(async () => {
          const result = await this.deliveries.deliver(name, group.handle, event, this.policy, group.stopping);
          if (result.outcome === 'failed') this.deadLettersOf(event.topic).push({ event, group: name, error: result.error.message });
        });
      }
    }
  }

  async subscribe(options: SubscribeOptions): Promise<() => Promise<void>> {
    const { stopping, stop } = stopper();
    const group: Group = { handle: options.handle, queue: Promise.resolve(), stopping, stop };
    for (const topic of options.topics) {
      if (!this.groups.has(topic)) this.groups.set(topic, new Map());
      this.groups.get(topic)!.set(options.group, group);
    }
    return async () => {
      for (const topic of options.topics) this.groups.get(topic)?.delete(options.group);
      group.stop();
      await group.queue;
    };
  }

  async follow(topic: string, onEvent: (event: CursoredEvent) => void): Promise<() => Promise<void>> {
    if (!this.followers.has(topic)) this.followers.set(topic, new Set());
    this.followers.get(topic)!.add(onEvent);
    return async () => void this.followers.get(topic)?.delete(onEvent);
  }

  async newestCursor(topic: string): Promise<string> {
    return this.kept.get(topic)?.at(-1)?.entry.cursor ?? '0-0';
  }

  async history(topic: string, after: string, limit: number): Promise<CursoredEvent[]> {
    return (this.kept.get(topic) ?? [])
      .map((kept) => kept.entry)
      .filter((entry) => cursorAfter(entry.cursor, after))
      .slice(0, limit);
  }

  async deadLetters(topic: string): Promise<DeadLetter[]> {
    return [...this.deadLettersOf(topic)];
  }

  async replayDeadLetters(topic: string): Promise<number> {
    const letters = this.deadLettersOf(topic).splice(0);
    await this.publish(letters.map((letter) => letter.event));
    return letters.length;
  }

  async close(): Promise<void> {
    this.groups.clear();
    this.followers.clear();
  }

  private deadLettersOf(topic: string): DeadLetter[] {
    if (!this.dead.has(topic)) this.dead.set(topic, []);
    return this.dead.get(topic)!;
  }
}
