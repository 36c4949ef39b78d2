import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DeliveryListeners, type DeliveryListener, type RetryPolicy } from './delivery';
import { stopper } from './stopper';
import { DEFAULT_RETENTION_MS, type CursoredEvent, type DeadLetter, type DomainEvent, type EventBus, type SubscribeOptions } from './event-bus';

type StreamEntry = [id: string, fields: string[]];

type StreamReply = [stream: string, entries: StreamEntry[]][] | null;

export interface RedisEventBusOptions {
  /** Prefix of every stream key, so tests and tenants can share one Redis. */
  namespace?: string;
  /** How long entries stay in a topic's stream (approximately; default 24 hours); older ones are trimmed. */
  retentionMs?: number;
  /** An entry another consumer took and has not acknowledged for this long is taken over. */
  claimIdleMs?: number;
  retry?: RetryPolicy;
}

/**
 * Events on Redis Streams, one stream per topic. Each subscribing service is a consumer group, so
 * each of its processes gets a share and every event is acknowledged once per service; an event
 * whose handler keeps failing goes to the topic's dead-letter stream.
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly readers = new Set<Redis>();
  private readonly deliveries = new DeliveryListeners();
  private readonly namespace: string;

  constructor(
    private readonly url: string,
    private readonly options: RedisEventBusOptions = {},
  ) {
    this.namespace = options.namespace ?? '';
    this.publisher = new Redis(url, { maxRetriesPerRequest: 2 });
    this.publisher.on('error', () => {});
  }

  streamOf(topic: string): string {
    return `${this.namespace}events:${topic}`;
  }

  private deadStreamOf(topic: string): string {
    return `${this.streamOf(topic)}:dead`;
  }

  onDelivery(listener: DeliveryListener): () => void {
    return this.deliveries.add(listener);
  }

  async publish(events: readonly DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    const pipeline = this.publisher.pipeline();
    const oldestKept = Date.now() - (this.options.retentionMs ?? DEFAULT_RETENTION_MS);
    for (const event of events) pipeline.xadd(this.streamOf(event.topic), 'MINID', '~', oldestKept, '*', 'event', JSON.stringify(event));
    const results = (await pipeline.exec()) ?? [];
    const failed = results.find(([error]) => error);
    if (failed) throw failed[0];
  }

  async subscribe(options: SubscribeOptions): Promise<() => Promise<void>> {
    const streams = options.topics.map((topic) => this.streamOf(topic));
    const reader = new Redis(this.url, { maxRetriesPerRequest: null });
    reader.on('error', () => {});
    this.readers.add(reader);
    const consumer = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
    let stopped = false;
    const { stopping, stop } = stopper();
    // With Redis up, delivery has started when this resolves; with Redis down, the loop keeps trying.
    const groupsReady = await this.createGroups(streams, options.group).then(
      () => true,
      () => false,
    );
    const loop = this.consume(reader, streams, options, consumer, groupsReady, () => stopped, stopping);
    return async () => {
      stopped = true;
      stop();
      reader.disconnect();
      this.readers.delete(reader);
      await loop;
    };
  }

  private async createGroups(streams: readonly string[], group: string): Promise<void> {
    for (const stream of streams) {
      // From the start of the stream: a service deployed after events were published still gets them.
      await this.publisher.xgroup('CREATE', stream, group, '0', 'MKSTREAM').catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
    }
  }

  private async consume(
    reader: Redis,
    streams: string[],
    options: SubscribeOptions,
    consumer: string,
    groupsReady: boolean,
    stopped: () => boolean,
    stopping: Promise<never>,
  ): Promise<void> {
    let lastClaim = 0;
    let ready = groupsReady;
    while (!stopped()) {
      try {
        if (!ready) {
          await this.createGroups(streams, options.group);
          ready = true;
        }
        if (Date.now() - lastClaim > (this.options.claimIdleMs ?? 30_000) / 2) {
          lastClaim = Date.now();
          for (const stream of streams) await Promise.race([this.takeOverAbandoned(reader, stream, options, consumer, stopping), stopping]);
        }
        const read = reader.call(
          'XREADGROUP',
          'GROUP',
          options.group,
          consumer,
          'COUNT',
          100,
          'BLOCK',
          1_000,
          'STREAMS',
          ...streams,
          ...streams.map(() => '>'),
        );
        const reply = (await Promise.race([read, stopping])) as StreamReply;
        for (const [stream, entries] of reply ?? []) await this.handleEntries(stream, entries, options, stopping);
      } catch {
        if (stopped()) return;
        // Redis went away (or the group with it): wait and try again; unacknowledged entries stay pending.
        ready = false;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Entries a crashed process took but never acknowledged. */
  private async takeOverAbandoned(reader: Redis, stream: string, options: SubscribeOptions, consumer: string, stopping: Promise<never>): Promise<void> {
    const [, entries] = (await reader.call('XAUTOCLAIM', stream, options.group, consumer, this.options.claimIdleMs ?? 30_000, '0-0', 'COUNT', 100)) as [
      string,
      StreamEntry[],
    ];
    await this.handleEntries(
      stream,
      entries.filter(([, fields]) => fields),
      options,
      stopping,
    );
  }

  /**
   * Delivers entries in order and acknowledges each once handled or dead-lettered. When the consumer
   * stops mid-delivery (say while the handler's database is down), that entry and the rest stay
   * pending: another consumer of the group takes them over once they have been idle `claimIdleMs`.
   */
  private async handleEntries(stream: string, entries: StreamEntry[], options: SubscribeOptions, stopping: Promise<never>): Promise<void> {
    for (const [entryId, fields] of entries) {
      const event = JSON.parse(fields[1] ?? 'null') as DomainEvent;
      const result = await this.deliveries.deliver(options.group, options.handle, event, this.options.retry, stopping);
      if (result.outcome === 'stopped') return;
      if (result.outcome === 'failed') {
        const letter: DeadLetter = { event, group: options.group, error: result.error.message };
        await this.publisher.xadd(this.deadStreamOf(event.topic), '*', 'letter', JSON.stringify(letter));
      }
      await this.publisher.xack(stream, options.group, entryId);
    }
  }

  async follow(topic: string, onEvent: (event: CursoredEvent) => void): Promise<() => Promise<void>> {
    const reader = new Redis(this.url, { maxRetriesPerRequest: null });
    reader.on('error', () => {});
    this.readers.add(reader);
    const stream = this.streamOf(topic);
    let stopped = false;
    const { stopping, stop } = stopper();
    // Start after the newest entry there is now, so nothing published between this call and the
    // first read is missed. A Redis that cannot answer yet is asked again: starting from the
    // beginning instead would replay the whole retained stream as if it were new.
    let lastId: string | undefined;
    const newestId = async (): Promise<string> => {
      const [newest] = (await this.publisher.xrevrange(stream, '+', '-', 'COUNT', 1)) as StreamEntry[];
      return newest?.[0] ?? '0-0';
    };
    lastId = await newestId().catch(() => undefined);
    const loop = (async () => {
      while (!stopped) {
        try {
          lastId ??= await newestId();
          const reply = (await Promise.race([reader.call('XREAD', 'COUNT', 500, 'BLOCK', 1_000, 'STREAMS', stream, lastId), stopping])) as StreamReply;
          for (const [, entries] of reply ?? []) {
            for (const [id, fields] of entries) {
              lastId = id;
              onEvent({ cursor: id, event: JSON.parse(fields[1] ?? 'null') as DomainEvent });
            }
          }
        } catch {
          if (stopped) return;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    })();
    return async () => {
      stopped = true;
      stop();
      reader.disconnect();
      this.readers.delete(reader);
      await loop;
    };
  }

  async newestCursor(topic: string): Promise<string> {
    const [newest] = (await this.publisher.xrevrange(this.streamOf(topic), '+', '-', 'COUNT', 1)) as StreamEntry[];
    return newest?.[0] ?? '0-0';
  }

  async history(topic: string, after: string, limit: number): Promise<CursoredEvent[]> {
    const entries = (await this.publisher.xrange(this.streamOf(topic), `(${after}`, '+', 'COUNT', limit)) as StreamEntry[];
    return entries.map(([id, fields]) => ({ cursor: id, event: JSON.parse(fields[1] ?? 'null') as DomainEvent }));
  }

  async deadLetters(topic: string): Promise<DeadLetter[]> {
    const entries = (await this.publisher.xrange(this.deadStreamOf(topic), '-', '+')) as StreamEntry[];
    return entries.map(([, fields]) => JSON.parse(fields[1]!) as DeadLetter);
  }

  async replayDeadLetters(topic: string): Promise<number> {
    const stream = this.deadStreamOf(topic);
    const entries = (await this.publisher.xrange(stream, '-', '+')) as StreamEntry[];
    if (entries.length === 0) return 0;
    await this.publish(entries.map(([, fields]) => (JSON.parse(fields[1]!) as DeadLetter).event));
    await this.publisher.xdel(stream, ...entries.map(([id]) => id));
    return entries.length;
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    this.readers.clear();
    this.publisher.disconnect();
  }
}
