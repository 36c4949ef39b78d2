import { createSharedState, type SharedState } from '@shopgraph/cache';
import type { RunningService } from '@shopgraph/server';
import { graphqlRequest } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { code, gatewayOver } from './gateway-over-platform';

// Sign-in attempts per client IP are limited; the question is which address counts as the client.
const signInLimits = { perIp: { limit: 2, windowSeconds: 60 }, perAccount: { limit: 100, windowSeconds: 60 } };
const LOOPBACK = ['127.0.0.1', '::1'];

describe('X-Forwarded-For and TRUSTED_PROXIES', () => {
  let platform: TestPlatform;
  const started: { gateway: RunningService; shared: SharedState }[] = [];
  beforeAll(async () => {
    platform = await startPlatformForTest();
  });
  afterAll(async () => {
    for (const { gateway, shared } of started) {
      await gateway.stop();
      await shared.close();
    }
    await platform?.stop();
  });

  /** A gateway with counters of its own, so each test starts with every budget full. */
  const gateway = async (trustedProxies?: string[]) => {
    const shared = createSharedState(undefined);
    const running = await gatewayOver(platform, { shared, signInLimits, ...(trustedProxies ? { trustedProxies } : {}) });
    started.push({ gateway: running, shared });
    return running.url;
  };
  let attempt = 0;
  const login = (url: string, forwardedFor?: string) =>
    graphqlRequest(
      url,
      'mutation ($e: String!) { login(email: $e, password: "wrong password") { accessToken } }',
      { e: `nobody${(attempt += 1)}@example.com` },
      forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    );

  test('behind a trusted proxy each forwarded client has a budget of its own', async () => {
    const url = await gateway(LOOPBACK);
    for (let i = 0; i < signInLimits.perIp.limit; i += 1) expect(code(await login(url, '198.51.100.1'))).toBe('UNAUTHENTICATED');
    expect(code(await login(url, '198.51.100.1'))).toBe('RATE_LIMITED');
    // Another client behind the same proxy is not held back by the first one's attempts...
    expect(code(await login(url, '198.51.100.2'))).toBe('UNAUTHENTICATED');
    // ...and the limited one cannot get out by putting a made-up address in front of its own.
    expect(code(await login(url, '203.0.113.77, 198.51.100.1'))).toBe('RATE_LIMITED');
  });

  test('by default X-Forwarded-For is ignored: every address it claims shares the peer budget', async () => {
    const url = await gateway();
    for (let i = 0; i < signInLimits.perIp.limit; i += 1) expect(code(await login(url, `198.51.100.${10 + i}`))).toBe('UNAUTHENTICATED');
    expect(code(await login(url, '198.51.100.99'))).toBe('RATE_LIMITED');
  });

  test('a peer that is not a trusted proxy cannot choose its address either', async () => {
    const url = await gateway(['10.0.0.0/8']);
    for (let i = 0; i < signInLimits.perIp.limit; i += 1) expect(code(await login(url, `198.51.100.${20 + i}`))).toBe('UNAUTHENTICATED');
    expect(code(await login(url, '198.51.100.98'))).toBe('RATE_LIMITED');
  });
});
