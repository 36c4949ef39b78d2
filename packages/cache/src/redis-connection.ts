import Redis, { type RedisOptions } from 'ioredis';
import { settledWithin } from './settled-within';

/** How long a call through the shared state's circuit waits for Redis (the cache's reads: less). */
export const COMMAND_TIMEOUT_MS = 500;

/**
 * ioredis waits over a minute by default when Redis is gone; a cache must fail fast instead so
 * callers fall through to Postgres. Calls are bounded by `RedisCircuit.run` (see settled-within.ts),
 * not by ioredis' `commandTimeout`, which fails calls whose answer came in time whenever the
 * process was busy past it.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  connectTimeout: 2_000,
  maxRetriesPerRequest: 1,
  enableOfflineQueue: true,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { ...FAIL_FAST_REDIS_OPTIONS, ...options });
}

/** Resolves when Redis answers PING within the timeout; false otherwise. */
export async function redisAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const client = connectRedis(url, { lazyConnect: true, retryStrategy: () => null, connectTimeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await settledWithin(client.ping(), timeoutMs)) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
