import { createSharedState, type SharedState } from '@shopgraph/cache';
import { createLogger } from '@shopgraph/logging';
import { describeWithRedis, graphqlRequest, TEST_GATEWAY_SECRET, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { DEFAULT_SUPERGRAPH_PATH, startGateway, engineOptionsOf } from '@shopgraph/gateway';

const limits = { perIp: { limit: 8, windowSeconds: 60 }, perAccount: { limit: 3, windowSeconds: 60 } };
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

describeWithRedis('sign-in rate limits, shared through Redis', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl(), signInLimits: limits });
  });
  afterAll(() => platform?.stop());

  /** Another gateway process over the same subgraphs, counting in `shared`. */
  const startGatewayOver = (shared: SharedState) =>
    startGateway({
      port: 0,
      ...engineOptionsOf(process.env),
      supergraphPath: DEFAULT_SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])),
      logger: createLogger('test', 'silent'),
      production: false,
      gatewaySecret: TEST_GATEWAY_SECRET,
      shared,
      signInLimits: limits,
    });

  const login = (url: string, email: string, password: string) =>
    graphqlRequest(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: email, p: password });

  test('an account is locked after its limit, even for the right password, and says when to retry', async () => {
    const email = 'customer@shopgraph.dev';
    for (let attempt = 0; attempt < limits.perAccount.limit; attempt += 1)
      expect(code(await login(platform.gatewayUrl, email, 'wrong password'))).toBe('UNAUTHENTICATED');
    const locked = await login(platform.gatewayUrl, email, 'shopgraph-demo');
    expect(code(locked)).toBe('RATE_LIMITED');
    const retryAfter = locked.errors?.[0]?.extensions?.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(limits.perAccount.windowSeconds);
    expect(locked.headers.get('retry-after')).toBe(String(retryAfter));

    // A second gateway process sharing the Redis counts the same attempts.
    const shared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:`);
    const second = await startGatewayOver(shared);
    try {
      expect(code(await login(second.url, email, 'shopgraph-demo'))).toBe('RATE_LIMITED');
    } finally {
      await second.stop();
      await shared.close();
    }
  });

  test('aliased attempts in one operation each count, and none of them runs', async () => {
    const aliases = Array.from(
      { length: limits.perIp.limit + 1 },
      (_, i) => `a${i}: login(email: "nobody${i}@example.com", password: "guess ${i}") { accessToken }`,
    );
    const response = await graphqlRequest(platform.gatewayUrl, `mutation { ${aliases.join(' ')} }`);
    expect(code(response)).toBe('RATE_LIMITED');
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toHaveLength(1);
  });

  test('attempts written inside fragments count like any other', async () => {
    // A gateway with counters of its own: the attempts of the tests above do not count here.
    const shared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:fragments:`);
    const gateway = await startGatewayOver(shared);
    const guess = (alias: string) => `${alias}: login(email: "fragments@example.com", password: "guess ${alias}") { accessToken }`;
    try {
      // One attempt more than the account's limit, spread from nested fragments at the mutation root.
      const document = `mutation { ...Outer } fragment Outer on Mutation { ${guess('a0')} ...Inner } fragment Inner on Mutation { ${guess('a1')} ${guess('a2')} ${guess('a3')} }`;
      const response = await graphqlRequest(gateway.url, document);
      expect(code(response)).toBe('RATE_LIMITED');
      expect(response.data ?? null).toBeNull();
    } finally {
      await gateway.stop();
      await shared.close();
    }
  });
});
