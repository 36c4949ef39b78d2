import type { Cache, CacheEntry } from './cache';

/**
 * The in-process Cache for the single-process mode: bounded, least recently used entries go
 * first, entries expire by their TTL exactly as they would in Redis.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async getMany(keys: readonly string[]): Promise<(string | null)[]> {
    return keys.map((key) => {
      const entry = this.entries.get(key);
      if (!entry) return null;
      if (entry.expiresAt <= this.now()) {
        this.entries.delete(key);
        return null;
      }
      // Re-insert so Map order tracks recency.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return entry.value;
    });
  }

  async setMany(entries: readonly CacheEntry[]): Promise<void> {
    for (const { key, value, ttlSeconds } of entries) {
      this.entries.delete(key);
      this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
