import type { Cache } from '@shopgraph/cache';
import { currentOperationStats } from '@shopgraph/db';

export interface EntityCacheOptions<R> {
  cache: Cache;
  /** Names the entity in its keys, e.g. `product`. */
  entity: string;
  /** The service's schema version (its latest migration): entries of an older schema are never read. */
  schemaVersion: string;
  ttlSeconds: number;
  /** How long "no such row" is remembered, so unknown ids do not reach Postgres every time. */
  negativeTtlSeconds?: number;
  /** Rebuilds a row from its JSON form, or null when the value is not a valid row (then it is a miss). */
  decode(value: unknown): R | null;
  /** Called when the cache cannot be reached; reads then go to Postgres. */
  onCacheError?(error: unknown): void;
}

interface Envelope {
  /** The row, or absent for a remembered miss. */
  d?: unknown;
}

/**
 * A shared read-through cache under per-request DataLoaders: one MGET per batch, one SQL
 * statement for the misses only, one pipelined SET (TTL with jitter, so hot keys do not all expire
 * at once) for what it read. Concurrent misses of one key in this process share one load. Made once
 * per service; loaders made per request call `load`.
 */
export class EntityCache<K extends string, R> {
  private readonly inflight = new Map<string, Promise<R | null>>();

  constructor(private readonly options: EntityCacheOptions<R>) {}

  keyOf(key: K): string {
    return `sg:${this.options.entity}:${this.options.schemaVersion}:${key}`;
  }

  /** Rows for the keys, in key order, null where there is none. */
  async load(keys: readonly K[], fetchMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): Promise<(R | null)[]> {
    const stats = currentOperationStats();
    const cacheKeys = keys.map((key) => this.keyOf(key));
    const cached = await this.options.cache.getMany(cacheKeys).catch((error: unknown) => {
      this.options.onCacheError?.(error);
      return cacheKeys.map(() => null);
    });
    const results: (R | null | undefined)[] = cached.map((value) => this.decode(value));
    const missing: K[] = [];
    const waits: Promise<void>[] = [];
    keys.forEach((key, index) => {
      if (results[index] !== undefined) return;
      const pending = this.inflight.get(cacheKeys[index]!);
      if (pending) waits.push(pending.then((row) => void (results[index] = row)));
      else missing.push(key);
    });
    // Observed now: if this load's own fetch fails first, nobody awaits the waits below, and one
    // of them failing later would be an unhandled rejection (as during a PostgreSQL restart).
    const waited = Promise.all(waits);
    waited.catch(() => {});
    if (stats) {
      stats.cacheHits += keys.length - missing.length - waits.length;
      stats.cacheMisses += missing.length + waits.length;
    }
    if (missing.length > 0) {
      const fetched = this.fetchAndStore(missing, fetchMany, keyOf);
      for (const key of missing) {
        const shared = fetched.then((rows) => rows.get(key) ?? null);
        // Only concurrent waiters observe it; a failure must reach them, never crash the process.
        shared.catch(() => {});
        this.inflight.set(this.keyOf(key), shared);
      }
      try {
        const rows = await fetched;
        keys.forEach((key, index) => {
          if (results[index] === undefined && missing.includes(key)) results[index] = rows.get(key) ?? null;
        });
      } finally {
        missing.forEach((key) => this.inflight.delete(this.keyOf(key)));
      }
    }
    await waited;
    return results.map((row) => row ?? null);
  }

  /** Drops entries after a write has committed; every process reads the new row next. */
  async invalidate(keys: readonly K[]): Promise<void> {
    await this.options.cache.delete(keys.map((key) => this.keyOf(key))).catch((error: unknown) => this.options.onCacheError?.(error));
  }

  private async fetchAndStore(keys: readonly K[], fetchMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): Promise<Map<K, R>> {
    const rows = new Map((await fetchMany(keys)).map((row) => [keyOf(row), row]));
    const jitter = () => 0.9 + Math.random() * 0.2;
    const entries = keys.map((key) => {
      const row = rows.get(key);
      const ttl = row ? this.options.ttlSeconds : (this.options.negativeTtlSeconds ?? 30);
      return { key: this.keyOf(key), value: JSON.stringify(row ? { d: row } : {}), ttlSeconds: Math.max(1, Math.round(ttl * jitter())) };
    });
    // Not awaited by readers: a slow or absent cache must not slow the answer.
    void this.options.cache.setMany(entries).catch((error: unknown) => this.options.onCacheError?.(error));
    return rows;
  }

  /** A row (R), a remembered miss (null), or undefined for anything unusable: absent, corrupt, of another shape. */
  private decode(value: string | null): R | null | undefined {
    if (value === null) return undefined;
    try {
      const envelope = JSON.parse(value) as Envelope;
      if (typeof envelope !== 'object' || envelope === null) return undefined;
      if (!('d' in envelope)) return null;
      return this.options.decode(envelope.d) ?? undefined;
    } catch {
      return undefined;
    }
  }
}
