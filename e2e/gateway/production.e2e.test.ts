import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningService } from '@shopgraph/server';
import { graphqlRequest, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { code, gatewayOver, supergraphFolder } from './gateway-over-platform';

let platform: TestPlatform;
let production: RunningService;
beforeAll(async () => {
  platform = await startPlatformForTest();
  production = await gatewayOver(platform, { production: true });
});
afterAll(async () => {
  await production?.stop();
  await platform?.stop();
});

test('production hides introspection; development allows it', async () => {
  const introspection = '{ __schema { queryType { name } } }';
  const hidden = await graphqlRequest(production.url, introspection);
  expect(code(hidden)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(hidden.data ?? null).toBeNull();
  expect((await graphqlRequest(platform.gatewayUrl, introspection)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
});

test('production does not suggest field names; development does', async () => {
  const typo = '{ prodcts(first: 1) { totalCount } }';
  const development = await graphqlRequest(platform.gatewayUrl, typo);
  expect(development.errors?.[0]?.message).toMatch(/Did you mean "products"/);
  const hidden = await graphqlRequest(production.url, typo);
  expect(code(hidden)).toBe('GRAPHQL_VALIDATION_FAILED');
  expect(hidden.errors?.[0]?.message).not.toMatch(/Did you mean|products/);
});

test('CSRF prevention: a simple request (GET without a preflight header, or a form POST) is refused', async () => {
  const get = await fetch(`${production.url}?query=${encodeURIComponent('{ categories { name } }')}`);
  expect(get.status).toBe(400);
  const form = await fetch(production.url, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ query: '{ categories { name } }' }),
  });
  expect(form.status).toBe(400);
  const withHeader = await fetch(`${production.url}?query=${encodeURIComponent('{ categories { name } }')}`, {
    headers: { 'apollo-require-preflight': 'true' },
  });
  expect(withHeader.status).toBe(200);
});

test('a request body over the limit gets 413 before any parsing', async () => {
  const response = await fetch(production.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ categories { name } } # ${'x'.repeat(300_000)}` }),
  });
  expect(response.status).toBe(413);
  expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
});

describe('subgraph calls', () => {
  let silent: Server;
  let folder: Awaited<ReturnType<typeof supergraphFolder>>;
  beforeAll(async () => {
    // Accepts the connection and never answers: only the gateway's timeout ends the call.
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    folder = await supergraphFolder(platform);
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await folder.remove();
  });

  test('a subgraph that hangs is cut off by the timeout; the client gets a masked error with its request id', async () => {
    const path = await folder.write('hanging-reviews.graphql', { reviews: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql` });
    const gateway = await gatewayOver(platform, { production: true, supergraphPath: path, subgraphUrls: {}, subgraphTimeoutMs: 300 });
    try {
      const started = Date.now();
      const response = await graphqlRequest(gateway.url, '{ product(sku: "SG-00001") { name rating { count } } }', undefined, {
        'x-request-id': 'prod-request-1',
      });
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(response.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'prod-request-1' },
      });
      expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|abort|timeout|reviews did not answer/i);
      const metrics = await metricsOf(gateway.url);
      expect(sample(metrics, 'shopgraph_subgraph_fetch_duration_seconds_count', { subgraph: 'reviews', outcome: 'timeout' })).toBe(1);
    } finally {
      await gateway.stop();
    }
  });

  test('a call waiting for a socket behind a hanging one is cut off by its own timeout too', async () => {
    const path = await folder.write('hanging-reviews-one-socket.graphql', { reviews: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql` });
    // One socket to reviews: the second request's call queues behind the first, which never ends.
    const gateway = await gatewayOver(platform, { production: true, supergraphPath: path, subgraphUrls: {}, subgraphTimeoutMs: 300, subgraphMaxSockets: 1 });
    try {
      const started = Date.now();
      const ask = (sku: string) => graphqlRequest(gateway.url, `{ product(sku: "${sku}") { name rating { count } } }`);
      const answers = await Promise.all([ask('SG-00001'), ask('SG-00002')]);
      // Each within a few timeouts, not left waiting for the socket the hanging call holds.
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      const metrics = await metricsOf(gateway.url);
      expect(sample(metrics, 'shopgraph_subgraph_fetch_duration_seconds_count', { subgraph: 'reviews', outcome: 'timeout' })).toBe(2);
    } finally {
      await gateway.stop();
    }
  });
});
