import { MemoryEventBus, RedisEventBus, type EventBus } from '@shopgraph/events';
import type { Cache, Counters, PubSub, SingleUseNonces } from './cache';
import { MemoryCounters } from './memory-counters';
import { MemoryNonces } from './memory-nonces';
import { RedisCircuit } from './redis-circuit';
import { RedisCounters } from './redis-counters';
import { RedisNonces } from './redis-nonces';
import { MemoryCache } from './memory-cache';
import { MemoryPubSub } from './memory-pubsub';
import { RedisCache } from './redis-cache';
import { RedisPubSub } from './redis-pubsub';

export * from './cache';
export { MemoryCache } from './memory-cache';
export { MemoryPubSub } from './memory-pubsub';
export { RedisCache } from './redis-cache';
export { RedisPubSub } from './redis-pubsub';
export { MemoryCounters } from './memory-counters';
export { RedisCounters } from './redis-counters';
export { MemoryNonces } from './memory-nonces';
export { RedisNonces } from './redis-nonces';
export {
  RedisCircuit,
  RedisUnavailableError,
  isRedisUnavailable,
  DEFAULT_REDIS_CIRCUIT,
  type RedisCircuitOptions,
  type RedisCircuitState,
} from './redis-circuit';
export { connectRedis, redisAnswers, FAIL_FAST_REDIS_OPTIONS } from './redis-connection';

export interface SharedState {
  cache: Cache;
  pubsub: PubSub;
  counters: Counters;
  /** Single-use nonces of signed mutations, shared by every replica. */
  nonces: SingleUseNonces;
  /** Domain events between services: Redis Streams, or in-process in the single-process mode. */
  events: EventBus;
  /** 'redis' when shared across processes, 'memory' in the single-process mode. */
  kind: 'redis' | 'memory';
  /** The circuit every Redis call of this state goes through (absent in-process), for metrics. */
  circuit?: RedisCircuit;
  /** Whether the shared store answers now (always true in-process), for /ready. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Redis when a URL is given; otherwise in-process implementations of the same interfaces. */
export function createSharedState(redisUrl: string | undefined, namespace = ''): SharedState {
  // One Redis, one circuit: once the cache finds it down, counters and nonces stop asking too.
  const circuit = redisUrl ? new RedisCircuit() : undefined;
  const cache = redisUrl ? new RedisCache(redisUrl, namespace, circuit) : new MemoryCache();
  const pubsub = redisUrl ? new RedisPubSub(redisUrl, circuit) : new MemoryPubSub();
  const counters = redisUrl ? new RedisCounters(redisUrl, namespace, circuit) : new MemoryCounters();
  const nonces = counters instanceof RedisCounters ? new RedisNonces(counters.connection, namespace, circuit) : new MemoryNonces();
  const events = redisUrl ? new RedisEventBus(redisUrl, { namespace }) : new MemoryEventBus();
  return {
    cache,
    pubsub,
    counters,
    nonces,
    events,
    kind: redisUrl ? 'redis' : 'memory',
    circuit,
    ping: async () => (cache instanceof RedisCache ? cache.ping() : true),
    close: async () => {
      await Promise.all([cache.close(), pubsub.close(), events.close()]);
      // Closes the nonces' connection too.
      if (counters instanceof RedisCounters) counters.close();
    },
  };
}
