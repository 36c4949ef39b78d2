import Redis, { type RedisOptions } from 'ioredis';

/**
 * ioredis waits over a minute by default when Redis is gone; a cache must fail fast instead so
 * callers fall through to Postgres.
 */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  connectTimeout: 2_000,
  commandTimeout: 500,
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
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
