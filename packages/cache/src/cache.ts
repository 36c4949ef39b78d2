/** A shared key-value cache of strings. Redis in a deployment; in-process in the single-process mode. */
export interface Cache {
  /** One value (or null) per key, in key order. */
  getMany(keys: readonly string[]): Promise<(string | null)[]>;
  setMany(entries: readonly CacheEntry[]): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

export interface CacheEntry {
  key: string;
  value: string;
  ttlSeconds: number;
}

/** The TTL an entry is kept for, in Redis and in memory alike: whole seconds, at least one (Redis refuses EX 0). */
export const storedTtlSeconds = (entry: CacheEntry): number => Math.max(1, Math.round(entry.ttlSeconds));

/** Messages to every process that subscribed to a channel, delivered while it is subscribed. */
export interface PubSub {
  publish(channel: string, message: string): Promise<void>;
  /** Resolves once the subscription is live; call the returned function to stop. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Fixed-window counters for rate limits, shared by every process through Redis. */
export interface Counters {
  /**
   * Adds `amount` to the key's count in its current window (which starts at the first hit and
   * lasts `windowSeconds`) and returns the new count and the seconds until the window ends.
   */
  hit(key: string, windowSeconds: number, amount?: number): Promise<{ count: number; resetInSeconds: number }>;
}

/** Values claimed once each while they live, shared by every process: single-use request signatures. */
export interface SingleUseNonces {
  /** True the first time `nonce` is claimed within `ttlMs`; false when any process claimed it already. */
  claim(nonce: string, ttlMs: number): Promise<boolean>;
}
