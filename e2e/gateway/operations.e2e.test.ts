import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSharedState } from '@shopgraph/cache';
import { eventually, graphqlRequest, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { gatewayOver, supergraphFolder } from './gateway-over-platform';

let platform: TestPlatform;
let folder: Awaited<ReturnType<typeof supergraphFolder>>;
beforeAll(async () => {
  platform = await startPlatformForTest();
  folder = await supergraphFolder(platform);
});
afterAll(async () => {
  await folder?.remove();
  await platform?.stop();
});

const at = (graphqlUrl: string, path: string) => graphqlUrl.replace('/graphql', path);
const getJson = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; checks: Record<string, boolean>; dependencies?: Record<string, boolean> },
  };
};

/** Stands in front of a subgraph: records the headers of what it forwards, optionally after a delay. */
async function recordingProxy(target: string, delayMs = 0) {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      seen.push(request.headers);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter(([name]) => !['host', 'content-length', 'connection'].includes(name)),
      ) as Record<string, string>;
      const upstream = await fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) });
      response.writeHead(upstream.status, { 'content-type': 'application/json' });
      response.end(await upstream.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    seen,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

test('/health and /ready answer on the gateway and on every subgraph', async () => {
  expect(await getJson(at(platform.gatewayUrl, '/health'))).toEqual({ status: 200, body: { status: 'ok' } });
  const ready = await getJson(at(platform.gatewayUrl, '/ready'));
  expect(ready.status).toBe(200);
  expect(ready.body.checks).toEqual({ accepting: true, supergraph: true });
  expect(ready.body.dependencies).toMatchObject({ sharedState: true, 'subgraph:users': true, 'subgraph:reviews': true });
  for (const service of Object.values(platform.subgraphs)) {
    expect(await getJson(at(service.url, '/ready'))).toEqual({
      status: 200,
      body: { status: 'ready', checks: { accepting: true, database: true }, dependencies: { redis: true } },
    });
  }
});

// Every replica shares Redis and the subgraphs: if their loss made /ready 503, a load balancer
// (a Kubernetes Service) would drop every gateway at once, and nothing would be served.
test('/ready stays 200 and reports Redis as down when it is unreachable', async () => {
  const unreachable = createSharedState('redis://127.0.0.1:1');
  const gateway = await gatewayOver(platform, { shared: unreachable });
  try {
    const ready = await getJson(at(gateway.url, '/ready'));
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ accepting: true, supergraph: true });
    expect(ready.body.dependencies).toMatchObject({ redis: false, 'subgraph:products': true });
    // Liveness is another matter: restarting the gateway would not bring Redis back.
    expect((await fetch(at(gateway.url, '/health'))).status).toBe(200);
  } finally {
    await gateway.stop();
    await unreachable.close();
  }
});

test('/ready stays 200 and names the subgraph that is down, whose fields are then null with errors', async () => {
  const path = await folder.write('reviews-down.graphql', { reviews: 'http://127.0.0.1:9/graphql' });
  const gateway = await gatewayOver(platform, { supergraphPath: path, subgraphUrls: {} });
  try {
    const ready = await getJson(at(gateway.url, '/ready'));
    expect(ready.status).toBe(200);
    expect(ready.body.dependencies).toMatchObject({ 'subgraph:reviews': false, 'subgraph:products': true });
    // What the gateway still serves: everything that does not need reviews.
    expect((await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }')).errors).toBeUndefined();
  } finally {
    await gateway.stop();
  }
});

test('/metrics counts requests by operation, errors by code and subgraph fetches; subgraphs count their own', async () => {
  for (let i = 0; i < 3; i += 1)
    expect((await graphqlRequest(platform.gatewayUrl, 'query MetricsProbe { products(first: 2) { totalCount } }')).errors).toBeUndefined();
  await graphqlRequest(
    platform.gatewayUrl,
    'query MetricsTooDeep { categories { children { children { children { children { children { children { children { children { children { children { name } } } } } } } } } } } }',
  );
  const metrics = await metricsOf(platform.gatewayUrl);
  expect(sample(metrics, 'shopgraph_graphql_requests_total', { service: 'gateway', operation: 'MetricsProbe', outcome: 'ok' })).toBe(3);
  expect(sample(metrics, 'shopgraph_graphql_request_duration_seconds_count', { operation: 'MetricsProbe' })).toBe(3);
  expect(sample(metrics, 'shopgraph_graphql_errors_total', { code: 'OPERATION_TOO_COMPLEX' })).toBeGreaterThanOrEqual(1);
  expect(sample(metrics, 'shopgraph_subgraph_fetch_duration_seconds_count', { subgraph: 'products', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
  expect(metrics).toMatch(/# TYPE shopgraph_rate_limited_total counter/);
  expect(metrics).toMatch(/# TYPE shopgraph_persisted_query_lookups_total counter/);

  const products = await metricsOf(platform.subgraphs.products.url);
  expect(sample(products, 'shopgraph_graphql_requests_total', { service: 'products', operation: 'MetricsProbe__products__0', outcome: 'ok' })).toBe(3);
  expect(products).toMatch(/shopgraph_sql_statements_total\{service="products"\} [1-9]/);
  expect(products).toMatch(/# TYPE shopgraph_entity_cache_lookups_total counter/);
});

test('/metrics of the gateway and of every subgraph carries the process metrics (CPU, memory, event loop, heap), labelled by service', async () => {
  const urls = { gateway: platform.gatewayUrl, ...Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])) };
  for (const [service, url] of Object.entries(urls)) {
    const metrics = await metricsOf(url);
    const found = ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes'].filter((name) =>
      new RegExp(`^${name}\\{[^}]*service="${service}"[^}]*\\} [0-9.e+-]+$`, 'm').test(metrics),
    );
    expect({ service, found }).toEqual({
      service,
      found: ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes'],
    });
  }
});

describe('through a subgraph proxy', () => {
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  beforeAll(async () => {
    proxy = await recordingProxy(platform.subgraphs.products.url, 300);
  });
  afterAll(() => proxy?.close());

  test("the client's request id and W3C traceparent reach the subgraphs", async () => {
    const path = await folder.write('products-proxied.graphql', { products: proxy.url });
    const gateway = await gatewayOver(platform, { supergraphPath: path, subgraphUrls: {} });
    try {
      const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
      const response = await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }', undefined, {
        'x-request-id': 'trace-me-7',
        traceparent,
        tracestate: 'shop=1',
      });
      expect(response.errors).toBeUndefined();
      expect(response.headers.get('x-request-id')).toBe('trace-me-7');
      expect(proxy.seen.at(-1)).toMatchObject({ 'x-request-id': 'trace-me-7', traceparent, tracestate: 'shop=1' });
      // A malformed traceparent is not passed on.
      await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }', undefined, { traceparent: 'not-a-trace' });
      expect(proxy.seen.at(-1)?.traceparent).toBeUndefined();
    } finally {
      await gateway.stop();
    }
  });

  test('stopping drains: a request in flight finishes, then the gateway is gone', async () => {
    const path = await folder.write('products-slow.graphql', { products: proxy.url });
    const gateway = await gatewayOver(platform, { supergraphPath: path, subgraphUrls: {} });
    const inFlight = graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = gateway.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    const started = Date.now();
    await stopped;
    // Drained as soon as the last response went out, not at the drain timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(fetch(at(gateway.url, '/health'))).rejects.toThrow();
  });

  test('a supergraph mounted from a Kubernetes ConfigMap reloads when the kubelet swaps the volume', async () => {
    // The kubelet's atomic writer: <dir>/supergraph.graphql -> ..data/supergraph.graphql, ..data -> a
    // timestamped folder; an update writes a new folder and renames a new ..data link over the old.
    const volume = await mkdtemp(join(tmpdir(), 'shopgraph-configmap-'));
    const version = async (name: string, source: string) => {
      await mkdir(join(volume, name));
      await writeFile(join(volume, name, 'supergraph.graphql'), await readFile(source, 'utf8'));
    };
    await version('..2026_12_02_10_00_00.1', await folder.write('configmap-v1.graphql'));
    await symlink('..2026_12_02_10_00_00.1', join(volume, '..data'));
    await symlink(join('..data', 'supergraph.graphql'), join(volume, 'supergraph.graphql'));
    const gateway = await gatewayOver(platform, { supergraphPath: join(volume, 'supergraph.graphql'), subgraphUrls: {} });
    try {
      const before = proxy.seen.length;
      expect((await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }')).errors).toBeUndefined();
      expect(proxy.seen.length).toBe(before);
      await version('..2026_12_02_10_05_00.2', await folder.write('configmap-v2.graphql', { products: proxy.url }));
      await symlink('..2026_12_02_10_05_00.2', join(volume, '..data_tmp'));
      await rename(join(volume, '..data_tmp'), join(volume, '..data'));
      // Routed through the proxy once the gateway has loaded the new version.
      await eventually(
        'the gateway serves the ConfigMap update',
        async () => {
          await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } }');
          return proxy.seen.length > before ? true : undefined;
        },
        10_000,
      );
    } finally {
      await gateway.stop();
      await rm(volume, { recursive: true, force: true });
    }
  });

  test('a supergraph reload under load drops no request', async () => {
    const path = await folder.write('reloading.graphql');
    const gateway = await gatewayOver(platform, { supergraphPath: path, subgraphUrls: {} });
    try {
      const before = proxy.seen.length;
      const results: { errors?: unknown }[] = [];
      let done = false;
      const load = async () => {
        while (!done) results.push(await graphqlRequest(gateway.url, '{ products(first: 1) { totalCount } categories { slug } }'));
      };
      const loaders = [load(), load()];
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Route products through the proxy: the gateway picks the new file up while requests run.
      await writeFile(path, await readFile(await folder.write('reloaded.graphql', { products: proxy.url }), 'utf8'));
      const deadline = Date.now() + 10_000;
      while (proxy.seen.length === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 500));
      done = true;
      await Promise.all(loaders);
      expect(proxy.seen.length).toBeGreaterThan(before);
      expect(results.length).toBeGreaterThan(3);
      expect(results.filter((result) => result.errors)).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });
});
