export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * The Redis the tests use, as jest's global setup found it (REDIS_URL, else the default local
 * one), or undefined when none answered. With SHOPGRAPH_REQUIRE_SERVICES=1 global setup fails
 * the run instead, so CI never skips.
 */
export function testRedisUrl(): string | undefined {
  return process.env.SHOPGRAPH_TEST_REDIS_URL || undefined;
}
