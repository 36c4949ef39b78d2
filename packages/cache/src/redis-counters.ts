import type Redis from 'ioredis';
import type { Counters } from './cache';
import { RedisCircuit } from './redis-circuit';
import { connectRedis } from './redis-connection';

/** Counters in Redis: one round trip (INCRBY, EXPIRE NX, TTL in a MULTI) per hit. */
export class RedisCounters implements Counters {
  private readonly redis: Redis;

  /** `namespace` prefixes every key, so separate deployments (or test runs) sharing a Redis do not meet. */
  constructor(
    url: string,
    private readonly namespace = '',
    private readonly circuit = new RedisCircuit(),
  ) {
    this.redis = connectRedis(url);
    this.redis.on('error', () => {});
  }

  async hit(key: string, windowSeconds: number, amount = 1): Promise<{ count: number; resetInSeconds: number }> {
    key = `${this.namespace}${key}`;
    const results = await this.circuit.run(() => this.redis.multi().incrby(key, amount).expire(key, windowSeconds, 'NX').ttl(key).exec());
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttl = Number(results?.[2]?.[1] ?? windowSeconds);
    return { count, resetInSeconds: ttl > 0 ? ttl : windowSeconds };
  }

  /** Its connection, for other fail-fast commands of the same process (single-use nonces). */
  get connection(): Redis {
    return this.redis;
  }

  close(): void {
    this.redis.disconnect();
  }
}
