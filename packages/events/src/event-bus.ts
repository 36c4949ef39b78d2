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
  /** Called once per delivery; throwing makes the event be retried, then dead-lettered. */
  handle(event: DomainEvent): Promise<void>;
}

/** Events between services: Redis Streams with consumer groups, or in-process in the single-process mode. */
export interface EventBus {
  publish(events: readonly DomainEvent[]): Promise<void>;
  /** Resolves once the group exists and delivery has started; call the returned function to stop. */
  subscribe(options: SubscribeOptions): Promise<() => Promise<void>>;
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
