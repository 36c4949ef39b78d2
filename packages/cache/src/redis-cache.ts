import type Redis from 'ioredis';
import type { Cache, CacheEntry } from './cache';
import { connectRedis } from './redis-connection';

/** Cache shared by every process through Redis: one MGET per read, one pipeline per write. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = connectRedis(url);
    // Errors surface on the calls; the connection event must not crash the process.
    this.redis.on('error', () => {});
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return this.redis.mget(...keys);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const { key, value, ttlSeconds } of entries) pipeline.set(key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    await pipeline.exec();
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.del(...keys);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
