import { redisAnswers } from '@shopgraph/cache';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The Redis tests use, or undefined when none answers. With SHOPGRAPH_REQUIRE_SERVICES=1 (CI) a
 * missing Redis is a failure, not a skip.
 */
export async function testRedisUrl(): Promise<string | undefined> {
  const url = process.env.REDIS_URL ?? DEFAULT_TEST_REDIS_URL;
  if (await redisAnswers(url)) return url;
  if (process.env.SHOPGRAPH_REQUIRE_SERVICES === '1') throw new Error(`Redis at ${url} does not answer and SHOPGRAPH_REQUIRE_SERVICES=1`);
  process.stderr.write(`\n*** SKIPPING Redis-backed tests: no Redis answers at ${url} ***\n\n`);
  return undefined;
}
