import type Redis from 'ioredis';
import { storedTtlSeconds, type Cache, type CacheEntry } from './cache';
import { RedisCircuit } from './redis-circuit';
import { connectRedis } from './redis-connection';

/** A cache that cannot answer within this long is a miss (callers read Postgres). */
const CACHE_TIMEOUT_MS = 200;

/** Cache shared by every process through Redis: one MGET per read, one pipeline per write. */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  /**
   * `namespace` prefixes every key, so deployments (or test runs) sharing a Redis never read each
   * other's entries. `circuit` is shared by all of a process's Redis clients: one Redis, one verdict.
   */
  constructor(
    url: string,
    private readonly namespace = '',
    private readonly circuit = new RedisCircuit(),
  ) {
    // Commands never queue while disconnected; each call waits at most CACHE_TIMEOUT_MS in all.
    this.redis = connectRedis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    // Errors surface on the calls; the connection event must not crash the process.
    this.redis.on('error', () => {});
  }

  /** Waits up to the call's time for a (re)connection; then the call fails and callers read Postgres. */
  private async ready(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis is not connected (${this.redis.status})`));
      }, CACHE_TIMEOUT_MS);
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      this.redis.once('ready', onReady);
    });
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return this.circuit.run(async () => {
      await this.ready();
      return this.redis.mget(...keys.map((key) => this.namespace + key));
    }, CACHE_TIMEOUT_MS);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.circuit.run(async () => {
      await this.ready();
      const pipeline = this.redis.pipeline();
      for (const entry of entries) pipeline.set(this.namespace + entry.key, entry.value, 'EX', storedTtlSeconds(entry));
      // A pipeline resolves with each command's error rather than rejecting: a cart write must not pass for saved.
      const failed = (await pipeline.exec())?.find(([error]) => error);
      if (failed) throw failed[0];
    }, CACHE_TIMEOUT_MS);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.circuit.run(async () => {
      await this.ready();
      await this.redis.del(...keys.map((key) => this.namespace + key));
    }, CACHE_TIMEOUT_MS);
  }

  /** True when Redis answers PING within the command timeout, for readiness checks; a probe like any other call. */
  async ping(): Promise<boolean> {
    try {
      return await this.circuit.run(async () => {
        await this.ready();
        return (await this.redis.ping()) === 'PONG';
      }, CACHE_TIMEOUT_MS);
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
