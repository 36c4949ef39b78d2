import { LRUCache } from 'lru-cache';
import { storedTtlSeconds, type Cache, type CacheEntry } from './cache';

/**
 * The in-process Cache for the single-process mode: bounded, least recently used entries go
 * first, entries expire by their TTL as they would in Redis (whole seconds, at least one).
 */
export class MemoryCache implements Cache {
  private readonly entries: LRUCache<string, string>;

  constructor(maxEntries = 50_000, now: () => number = Date.now) {
    // The clock is read on every lookup (ttlResolution 0) rather than once a millisecond, so a test's clock is obeyed.
    this.entries = new LRUCache({ max: maxEntries, ttlResolution: 0, perf: { now } });
  }

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((key) => this.entries.get(key) ?? null);
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    // Rounded as RedisCache does; a ttl of 0 would mean "never expires" to lru-cache.
    for (const entry of entries) this.entries.set(entry.key, entry.value, { ttl: storedTtlSeconds(entry) * 1000 });
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
