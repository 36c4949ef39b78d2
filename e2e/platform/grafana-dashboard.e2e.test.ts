// The Grafana dashboard under deploy/grafana queries metrics by name: each must be one the services
// export, or its panel stays empty. The platform runs with Redis, as in production (the Redis
// circuit's metrics exist only then).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoProducts, DEMO_ADMIN_EMAIL } from '@shopgraph/demo-data';
import { describeWithRedis, eventually, graphqlRequest, metricsOf, sample, signIn, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

describeWithRedis('the Grafana dashboard', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('every metric the Grafana dashboard (deploy/grafana) queries is exported by the gateway or a subgraph', async () => {
    const dashboard = JSON.parse(await readFile(join(__dirname, '..', '..', 'deploy', 'grafana', 'shopgraph-dashboard.json'), 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const urls = [platform.gatewayUrl, ...Object.values(platform.subgraphs).map((service) => service.url)];
    const exported = (await Promise.all(urls.map(metricsOf))).join('\n');
    const typeOf = (name: string) => new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(exported)?.[1];
    const queried = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).flatMap((target) =>
        [...target.expr.matchAll(/\b(?:shopgraph|process|nodejs)_[a-z0-9_]+\b/g)].map((match) => ({ panel: panel.title, metric: match[0] })),
      ),
    );
    expect(queried.length).toBeGreaterThan(15);
    for (const { panel, metric } of queried) {
      const histogram = /_(bucket|count|sum)$/.test(metric) ? metric.replace(/_(bucket|count|sum)$/, '') : undefined;
      const found = typeOf(metric) !== undefined || (histogram !== undefined && typeOf(histogram) === 'histogram');
      expect({ panel, metric, found }).toEqual({ panel, metric, found: true });
    }
  });

  test("a stock change's event reaches the products subgraph's consumer through Redis, and its delivery lag is on the products /metrics", async () => {
    const admin = (await signIn(platform.gatewayUrl, DEMO_ADMIN_EMAIL)).headers;
    const products = platform.subgraphs.products.url;
    const delivered = async () =>
      sample(await metricsOf(products), 'shopgraph_event_delivery_lag_seconds_count', { group: 'products-signals', topic: 'StockChanged', outcome: 'handled' });
    const before = await delivered();
    const product = await graphqlRequest<{ product: { id: string } }>(platform.gatewayUrl, 'query ($slug: String!) { product(slug: $slug) { id } }', {
      slug: demoProducts[0]!.slug,
    });
    const adjust = 'mutation ($id: ID!) { adjustStock(productId: $id, delta: 1, reason: "recount") { delta } }';
    expect((await graphqlRequest(platform.gatewayUrl, adjust, { id: product.data!.product.id }, admin)).errors).toBeUndefined();
    const after = await eventually('the StockChanged delivery on /metrics', async () => {
      const now = await delivered();
      return now > before ? now : undefined;
    });
    expect(after).toBeGreaterThan(before);
    // Seconds from the inventory transaction to the products consumer: well under the bus's retries.
    const lagSum = sample(await metricsOf(products), 'shopgraph_event_delivery_lag_seconds_sum', {
      group: 'products-signals',
      topic: 'StockChanged',
      outcome: 'handled',
    });
    expect(lagSum).toBeGreaterThan(0);
  });
});
