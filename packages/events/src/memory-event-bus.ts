import { deliverWithRetries, type RetryPolicy } from './delivery';
import type { DeadLetter, DomainEvent, EventBus, SubscribeOptions } from './event-bus';

interface Group {
  handle(event: DomainEvent): Promise<void>;
  /** Deliveries to a group run one after another, in publish order. */
  queue: Promise<void>;
}

/** The single-process mode's event bus: same contract as the Redis one, nothing survives a restart. */
export class MemoryEventBus implements EventBus {
  private readonly groups = new Map<string, Map<string, Group>>();
  private readonly dead = new Map<string, DeadLetter[]>();

  constructor(private readonly policy?: RetryPolicy) {}

  async publish(events: readonly DomainEvent[]): Promise<void> {
    for (const event of events) {
      for (const [name, group] of this.groups.get(event.topic) ?? []) {
        group.queue = group.queue.then(async () => {
          const error = await deliverWithRetries(group.handle, event, this.policy);
          if (error) this.deadLettersOf(event.topic).push({ event, group: name, error: error.message });
        });
      }
    }
  }

  async subscribe(options: SubscribeOptions): Promise<() => Promise<void>> {
    const group: Group = { handle: options.handle, queue: Promise.resolve() };
    for (const topic of options.topics) {
      if (!this.groups.has(topic)) this.groups.set(topic, new Map());
      this.groups.get(topic)!.set(options.group, group);
    }
    return async () => {
      for (const topic of options.topics) this.groups.get(topic)?.delete(options.group);
      await group.queue;
    };
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
  }

  private deadLettersOf(topic: string): DeadLetter[] {
    if (!this.dead.has(topic)) this.dead.set(topic, []);
    return this.dead.get(topic)!;
  }
}
