import type Redis from 'ioredis';
import type { Cache, CacheEntry } from './cache';
import { connectRedis } from './redis-connection';

const READY_WAIT_MS = 200;

/** Cache shared by every process through Redis: one MGET per read, one pipeline per write. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  /** `namespace` prefixes every key, so deployments (or test runs) sharing a Redis never read each other's entries. */
  constructor(url: string, private readonly namespace = '') {
    // A cache that cannot answer within 200 ms is a miss: commands never queue while disconnected.
    this.redis = connectRedis(url, { enableOfflineQueue: false, commandTimeout: 200, maxRetriesPerRequest: 0 });
    // Errors surface on the calls; the connection event must not crash the process.
    this.redis.on('error', () => {});
  }

  /** Waits up to the command timeout for a (re)connection; then the call fails and callers read Postgres. */
  private async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis is not connected (${this.redis.status})`));
      }, READY_WAIT_MS);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    await this.ready();
    return this.redis.mget(...keys.map((key) => this.namespace + key));
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ready();
    const pipeline = this.redis.pipeline();
    for (const { key, value, ttlSeconds } of entries) pipeline.set(this.namespace + key, value, 'EX', Math.max(1, Math.round(ttlSeconds)));
    await pipeline.exec();
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.ready();
    await this.redis.del(...keys.map((key) => this.namespace + key));
  }

  /** True when Redis answers PING within the command timeout, for readiness checks. */
  async ping(): Promise<boolean> {
    try {
      await this.ready();
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
