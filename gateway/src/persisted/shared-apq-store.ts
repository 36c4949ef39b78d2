import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Cache } from '@shopgraph/cache';

/** Registered operations live a day after their last registration; clients re-register on a miss. */
export const APQ_TTL_SECONDS = 24 * 60 * 60;

/**
 * Automatic Persisted Queries in the cache every gateway shares (Redis; in-process in the
 * single-process mode), so a hash registered through one gateway is found by all. A store that
 * fails is a miss: the client sends the full text again.
 */
export function sharedApqStore(cache: Cache): KeyValueCache<string> {
  return {
    async get(key) {
      const [value] = await cache.getMany([key]).catch(() => [null]);
      return value ?? undefined;
    },
    async set(key: string, value: string, options?: KeyValueCacheSetOptions) {
      await cache.setMany([{ key, value, ttlSeconds: options?.ttl ?? APQ_TTL_SECONDS }]);
    },
    async delete(key) {
      await cache.delete([key]);
    },
  };
}
