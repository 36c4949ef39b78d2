// The Grafana dashboard under deploy/grafana queries metrics by name: each must be one the services
// export, or its panel stays empty. The platform runs with Redis, as in production (the Redis
// circuit's metrics exist only then).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeWithRedis, metricsOf, testRedisUrl } from '@shopgraph/testing';
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
    const dashboard = JSON.parse(await readFile(join(__dirname, '..', '..', 'deploy', 'grafana', 'shopgraph-dashboard.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const urls = [platform.gatewayUrl, ...Object.values(platform.subgraphs).map((service) => service.url)];
    const exported = (await Promise.all(urls.map(metricsOf))).join('\n');
    const typeOf = (name: string) => new RegExp(`^# TYPE ${name} (\\w+)$`, 'm').exec(exported)?.[1];
    const queried = dashboard.panels.flatMap((panel) => (panel.targets ?? []).flatMap((target) => [...target.expr.matchAll(/\b(?:shopgraph|process|nodejs)_[a-z0-9_]+\b/g)].map((match) => ({ panel: panel.title, metric: match[0] }))));
    expect(queried.length).toBeGreaterThan(15);
    for (const { panel, metric } of queried) {
      const histogram = /_(bucket|count|sum)$/.test(metric) ? metric.replace(/_(bucket|count|sum)$/, '') : undefined;
      const found = typeOf(metric) !== undefined || (histogram !== undefined && typeOf(histogram) === 'histogram');
      expect({ panel, metric, found }).toEqual({ panel, metric, found: true });
    }
  });
});
