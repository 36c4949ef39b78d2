import type Redis from 'ioredis';
import type { PubSub } from './cache';
import { RedisCircuit } from './redis-circuit';
import { connectRedis } from './redis-connection';

/** PubSub across processes through Redis channels: one connection publishes, one listens. */
export class RedisPubSub implements PubSub {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly handlers = new Map<string, Set<(message: string) => void>>();

  /** Publishing goes through `circuit`; the subscriber connection resubscribes by itself after a reconnect. */
  constructor(
    url: string,
    private readonly circuit = new RedisCircuit(),
  ) {
    this.publisher = connectRedis(url);
    this.subscriber = connectRedis(url);
    this.publisher.on('error', () => {});
    this.subscriber.on('error', () => {});
    this.subscriber.on('message', (channel: string, message: string) => {
      for (const handler of this.handlers.get(channel) ?? []) handler(message);
    });
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.circuit.run(() => this.publisher.publish(channel, message));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      await this.subscriber.subscribe(channel);
    }
    handlers.add(onMessage);
    return async () => {
      const current = this.handlers.get(channel);
      current?.delete(onMessage);
      if (current && current.size === 0) {
        this.handlers.delete(channel);
        await this.subscriber.unsubscribe(channel);
      }
    };
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
