import { DEMO_PASSWORD } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, testRedisUrl, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { code } from './gateway-over-platform';

// lowStockProducts(first: 20) { name stock { available } } costs 20 × (1 + 1) = 40 points.
const FORTY_POINTS = '{ lowStockProducts(first: 20) { name stock { available } } }';

describeWithRedis('cost budgets, shared through Redis', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformForTest({
      redisUrl: testRedisUrl(),
      costBudgets: { perIp: { points: 100, windowSeconds: 60 }, perViewer: { points: 1_000_000, windowSeconds: 60 } },
    });
  });
  afterAll(() => platform?.stop());

  test('an IP that spends its budget gets RATE_LIMITED with the retry time, and nothing runs', async () => {
    expect((await graphqlRequest(platform.gatewayUrl, FORTY_POINTS)).errors).toBeUndefined();
    expect((await graphqlRequest(platform.gatewayUrl, FORTY_POINTS)).errors).toBeUndefined();
    const refused = await graphqlRequest(platform.gatewayUrl, FORTY_POINTS);
    expect(refused.status).toBe(429);
    expect(code(refused)).toBe('RATE_LIMITED');
    expect(refused.data ?? null).toBeNull();
    const retryAfter = refused.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(refused.errors![0]!.message).toMatch(/cost budget of 100 points per 60 seconds for this IP is used up \(120\)/);
    const metrics = await metricsOf(platform.gatewayUrl);
    expect(sample(metrics, 'shopgraph_rate_limited_total', { limit: 'IPCostBudget' })).toBe(1);
  });
});

describeWithRedis('the per-viewer budget', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformForTest({
      redisUrl: testRedisUrl(),
      costBudgets: { perIp: { points: 1_000_000, windowSeconds: 60 }, perViewer: { points: 100, windowSeconds: 60 } },
    });
  });
  afterAll(() => platform?.stop());

  test('a signed-in viewer has a budget of its own; spending it leaves anonymous requests from the same IP alone', async () => {
    const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: 'customer@shopgraph.dev',
      p: DEMO_PASSWORD,
    });
    const auth = { authorization: `Bearer ${login.data!.login.accessToken as string}` };
    for (let i = 0; i < 2; i += 1) expect((await graphqlRequest(platform.gatewayUrl, FORTY_POINTS, undefined, auth)).errors).toBeUndefined();
    const refused = await graphqlRequest(platform.gatewayUrl, FORTY_POINTS, undefined, auth);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'viewerCostBudget' });
    expect((await graphqlRequest(platform.gatewayUrl, FORTY_POINTS)).errors).toBeUndefined();
  });
});
