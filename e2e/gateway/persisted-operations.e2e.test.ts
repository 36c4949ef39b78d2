import { readFileSync } from 'node:fs';
import { print } from 'graphql';
import { createSharedState, type SharedState } from '@shopgraph/cache';
import { CategoryTreeDocument, LowStockDocument } from '@shopgraph/operations';
import { buildManifest, MANIFEST_PATH } from '../../tools/codegen/persisted-query-manifest';
import type { RunningService } from '@shopgraph/server';
import { describeWithRedis, execute, graphqlRequest, testRedisUrl, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { sha256Hex } from '@shopgraph/gateway';
import { code, gatewayOver } from './gateway-over-platform';

/** POSTs an operation as an APQ client does: the hash, and the text only when asked to register it. */
async function sendPersisted(url: string, hash: string, query?: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  return {
    status: response.status,
    ...((await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] }),
  };
}

test('the committed manifest is what the clients send now (codegen drift shows here as well as in CI)', () => {
  expect(JSON.parse(readFileSync(MANIFEST_PATH, 'utf8'))).toEqual(buildManifest());
  const lowStock = buildManifest().operations.find((operation) => operation.name === 'LowStock')!;
  expect(lowStock.body).toBe(print(LowStockDocument));
  expect(lowStock.id).toBe(sha256Hex(lowStock.body));
});

describeWithRedis('persisted operations', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
  });
  afterAll(() => platform?.stop());

  test('APQ: an unknown hash is PERSISTED_QUERY_NOT_FOUND; once registered, a second gateway sharing Redis knows it', async () => {
    // Unique text per run, so the hash was never registered before.
    const query = `query ApqRoundTrip { categories { slug } } # ${Date.now()}`;
    const hash = sha256Hex(query);
    const miss = await sendPersisted(platform.gatewayUrl, hash);
    expect(miss.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await sendPersisted(platform.gatewayUrl, hash, query);
    expect(registered.errors).toBeUndefined();
    const categories = registered.data!.categories;

    const shared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:`);
    const second = await gatewayOver(platform, { shared });
    try {
      // Apollo Server stores a registration without awaiting it (requestPipeline: Promise.resolve(cache.set(...))),
      // so under load the answer can arrive before Redis has the text: poll for it, briefly.
      let hit = await sendPersisted(second.url, hash);
      for (const deadline = Date.now() + 5_000; hit.errors && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        hit = await sendPersisted(second.url, hash);
      }
      expect(hit.errors).toBeUndefined();
      expect(hit.data!.categories).toEqual(categories);
      const metrics = await metricsOf(second.url);
      expect(sample(metrics, 'shopgraph_persisted_query_lookups_total', { result: 'hit' })).toBe(1);
    } finally {
      await second.stop();
      await shared.close();
    }
    // A hash that does not match the text is refused rather than stored under the wrong key.
    expect((await sendPersisted(platform.gatewayUrl, sha256Hex('something else'), query)).status).toBe(400);
  });

  describe('trusted documents', () => {
    let trusted: RunningService;
    let shared: SharedState;
    beforeAll(async () => {
      shared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:`);
      trusted = await gatewayOver(platform, { shared, trustedDocumentsManifest: MANIFEST_PATH });
    });
    afterAll(async () => {
      await trusted?.stop();
      await shared?.close();
    });

    test('an ad-hoc operation is refused before it runs, however harmless', async () => {
      const response = await graphqlRequest(trusted.url, '{ categories { slug } }');
      expect(response.status).toBe(400);
      expect(code(response)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect(response.data ?? null).toBeNull();
    });

    test('a manifest operation runs, sent as its text or by its id; registering a new one is not possible', async () => {
      const asText = await execute(trusted.url, CategoryTreeDocument, {});
      expect(asText.errors).toBeUndefined();
      expect(asText.data!.categories.length).toBeGreaterThan(0);

      const byId = await sendPersisted(trusted.url, sha256Hex(print(LowStockDocument)), undefined, { first: 3 });
      expect(byId.errors).toBeUndefined();
      expect(byId.data!.lowStockProducts).toHaveLength(3);

      const query = `query Sneaky { categories { slug } } # ${Date.now()}`;
      expect((await sendPersisted(trusted.url, sha256Hex(query), query)).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_LIST');
      expect((await sendPersisted(trusted.url, sha256Hex(query))).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });
  });
});
