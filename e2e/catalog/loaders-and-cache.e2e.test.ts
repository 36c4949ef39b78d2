import Redis from 'ioredis';
import { DEMO_PASSWORD, demoProducts } from '@shopgraph/demo-data';
import { StorefrontProductsDocument } from '@shopgraph/operations';
import type { OperationStats } from '@shopgraph/db';
import { describeWithRedis, execute, graphqlRequest, startServiceForTest, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { startService as startProductsService } from '@shopgraph/products';

/** Statements and cache hits/misses all subgraphs spent on one gateway request. */
async function costOf(platform: TestPlatform, run: () => Promise<{ errors?: unknown }>): Promise<OperationStats> {
  const services = Object.values(platform.subgraphs);
  const before = services.map((service) => service.stats!.snapshot());
  const result = await run();
  expect(result.errors).toBeUndefined();
  const total: OperationStats = { statements: 0, cacheHits: 0, cacheMisses: 0 };
  services.forEach((service, index) => {
    for (const key of ['statements', 'cacheHits', 'cacheMisses'] as const) total[key] += service.stats!.totals[key] - before[index]![key];
  });
  return total;
}

const CACHEABLE = `query Cacheable($sku: String!) {
  product(sku: $sku) { name price { amount } category { name parent { name } } stock { available } availability rating { average count } }
}`;

describeWithRedis('no N+1 anywhere, and a shared entity cache in Redis', () => {
  let platform: TestPlatform;
  let redis: Redis;
  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    redis = new Redis(testRedisUrl()!);
  });
  afterAll(async () => {
    redis?.disconnect();
    await platform?.stop();
  });

  const flushEntityCache = async () => {
    const keys = await redis.keys(`${platform.databasePrefix}:sg:*`);
    if (keys.length > 0) await redis.del(...keys);
  };
  const storefront = (first: number) => () => execute(platform.gatewayUrl, StorefrontProductsDocument, { first });

  test('the storefront query over 100 products costs the same statements as over 10, cold and warm', async () => {
    await storefront(5)(); // opens each subgraph's pool connections, which cost a statement of their own
    const measure = async (first: number) => {
      await flushEntityCache();
      return { cold: await costOf(platform, storefront(first)), warm: await costOf(platform, storefront(first)) };
    };
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(hundred.cold.statements).toBe(ten.cold.statements);
    expect(hundred.warm.statements).toBe(ten.warm.statements);
    // Cold: products page + count + categories; inventory stock; reviews ratings + newest reviews; users.
    expect(ten.cold.statements).toBeLessThanOrEqual(7);
    // Warm: only what is not an entity read (the page, its count, the newest reviews, the authors).
    expect(ten.warm.statements).toBeLessThan(ten.cold.statements);
    expect(hundred.warm.cacheMisses).toBe(0);
  });

  test('a warm repeat of a cacheable query reads no entity from Postgres', async () => {
    const sku = demoProducts[7]!.sku;
    const cold = await costOf(platform, () => graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku }));
    expect(cold.statements).toBeGreaterThan(0);
    const warm = await costOf(platform, () => graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku }));
    expect(warm.statements).toBe(0);
    expect(warm.cacheMisses).toBe(0);
    expect(warm.cacheHits).toBeGreaterThanOrEqual(5);
  });

  test('a price changed through the gateway is seen at once by a second products process', async () => {
    const product = demoProducts[3]!;
    const second = await startServiceForTest('products', startProductsService, {
      databasePrefix: platform.databasePrefix,
      redisUrl: testRedisUrl(),
      seed: false,
    });
    try {
      const read = async () =>
        (await second.request('query ($sku: String!) { product(sku: $sku) { price { amount } } }', { sku: product.sku })).data!.product.price.amount;
      expect(await read()).toBe(product.priceCents); // now cached in Redis
      const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($p: String!) { login(email: "admin@shopgraph.dev", password: $p) { accessToken } }', {
        p: DEMO_PASSWORD,
      });
      const update = await graphqlRequest(
        platform.gatewayUrl,
        'mutation ($id: ID!) { updateProduct(id: $id, input: { price: 4242 }) { price { amount } } }',
        { id: product.id },
        {
          authorization: `Bearer ${login.data!.login.accessToken}`,
        },
      );
      expect(update.data).toEqual({ updateProduct: { price: { amount: 4242 } } });
      expect(await read()).toBe(4242);
      const viaGateway = await graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku: product.sku });
      expect(viaGateway.data!.product.price.amount).toBe(4242);
    } finally {
      await second.stop();
    }
  });

  test('a corrupt or old-version cache entry is a miss, never an answer', async () => {
    const product = demoProducts[11]!;
    await graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku: product.sku });
    const keys = await redis.keys(`${platform.databasePrefix}:sg:product*${product.sku}`);
    expect(keys.length).toBe(1);
    await redis.set(keys[0]!, '{"d": {"id": 42, "sku": "not a product"}}', 'EX', 60);
    const afterCorruption = await graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku: product.sku });
    expect(afterCorruption.data!.product.name).toBe(product.name);
    await redis.set(keys[0]!, 'not json at all', 'EX', 60);
    expect((await graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku: product.sku })).data!.product.name).toBe(product.name);
    // An entry written under an older schema version is simply never looked up.
    const oldVersion = keys[0]!.replace(/:sg:product-by-sku:[^:]+:/, ':sg:product-by-sku:0000_older:');
    expect(oldVersion).not.toBe(keys[0]);
  });
});

describeWithRedis('when Redis is gone', () => {
  test('loaders fall through to Postgres and clients see no error', async () => {
    // A Redis URL nobody listens on: every cache call fails fast and counts as a miss.
    const platform = await startPlatformForTest({ redisUrl: 'redis://127.0.0.1:1' });
    try {
      const { data, errors } = await execute(platform.gatewayUrl, StorefrontProductsDocument, { first: 20 });
      expect(errors).toBeUndefined();
      expect(data!.products.edges).toHaveLength(20);
      const product = await graphqlRequest(platform.gatewayUrl, CACHEABLE, { sku: demoProducts[0]!.sku });
      expect(product.errors).toBeUndefined();
      expect(product.data!.product.name).toBe(demoProducts[0]!.name);
    } finally {
      await platform.stop();
    }
  });
});
