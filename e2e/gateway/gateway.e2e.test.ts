import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_NAMES } from '@shopgraph/config';
import { demoProducts } from '@shopgraph/demo-data';
import { createLogger } from '@shopgraph/logging';
import { composeSupergraph, readSubgraphSources } from '@shopgraph/schema';
import type { RunningService } from '@shopgraph/server';
import { graphqlRequest, metricsOf, sample, TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { startGateway, engineOptionsOf } from '@shopgraph/gateway';

let platform: TestPlatform;
let dir: string;

beforeAll(async () => {
  platform = await startPlatformForTest();
  dir = await mkdtemp(join(tmpdir(), 'shopgraph-supergraph-'));
});
afterAll(async () => {
  await platform?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** A supergraph whose routing URLs are the running test subgraphs', optionally leaving some out. */
function supergraphOf(names: readonly string[]): string {
  const sources = readSubgraphSources()
    .filter((source) => names.includes(source.name))
    .map((source) => ({ ...source, url: platform.subgraphs[source.name].url }));
  return composeSupergraph(sources).supergraphSdl;
}

async function gatewayOver(path: string, production = false): Promise<RunningService> {
  return startGateway({
    port: 0,
    ...engineOptionsOf(process.env),
    supergraphPath: path,
    subgraphUrls: {},
    logger: createLogger('test', 'silent'),
    production,
    gatewaySecret: TEST_GATEWAY_SECRET,
    shared: platform.shared,
  });
}

test('GET /health answers 200 once the supergraph is loaded', async () => {
  const response = await fetch(platform.gatewayUrl.replace('/graphql', '/health'));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('a browser gets Apollo Sandbox at /graphql in development, and not in production', async () => {
  const page = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toMatch(/embeddable-sandbox/);

  const path = join(dir, 'production.graphql');
  await writeFile(path, supergraphOf(SERVICE_NAMES));
  const production = await gatewayOver(path, true);
  try {
    const prodHtml = await (await fetch(production.url, { headers: { accept: 'text/html' } })).text();
    expect(prodHtml).not.toMatch(/embeddable-sandbox/);
  } finally {
    await production.stop();
  }
});

test('SUPERGRAPH_PATH: routing URLs come from the file, and a changed file is served without a restart', async () => {
  const path = join(dir, 'reloading.graphql');
  // No reviews yet, so no orders either: its Review.verifiedPurchase @requires fields of reviews.
  await writeFile(path, supergraphOf(['products', 'inventory', 'users']));
  const gateway = await gatewayOver(path);
  const query = '{ product(sku: "SG-00001") { name stock { onHand } rating { count } } }';
  try {
    const before = await graphqlRequest(gateway.url, query);
    expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(before.errors?.[0]?.message).toMatch(/rating/);

    await writeFile(path, supergraphOf(SERVICE_NAMES));
    const deadline = Date.now() + 10_000;
    let after = await graphqlRequest(gateway.url, query);
    while (after.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await graphqlRequest(gateway.url, query);
    }
    expect(after.errors).toBeUndefined();
    expect(after.data!.product.name).toBe(demoProducts[0]!.name);
    expect(typeof after.data!.product.rating.count).toBe('number');
  } finally {
    await gateway.stop();
  }
});

test('a known operation in a new text (comments, spacing) is served as that operation, and a reload validates it again', async () => {
  const path = join(dir, 'documents.graphql');
  await writeFile(path, supergraphOf(SERVICE_NAMES));
  const gateway = await gatewayOver(path);
  const documents = async (result: string) => sample(await metricsOf(gateway.url), 'shopgraph_operation_documents_total', { result });
  const query = (comment: string) => `# ${comment}\nquery Rated {\n  product(sku: "SG-00001") { name   rating { count } }\n}`;
  try {
    const first = await graphqlRequest(gateway.url, query('first'));
    expect(first.errors).toBeUndefined();
    expect(first.data!.product.name).toBe(demoProducts[0]!.name);
    // The same operation written another way is answered the same, from the first one's document.
    const reworded = await graphqlRequest(gateway.url, query('second'));
    expect({ status: reworded.status, data: reworded.data, errors: reworded.errors }).toEqual({ status: 200, data: first.data, errors: undefined });
    expect(await documents('parsed')).toBe(1);
    expect(await documents('normalised')).toBe(1);
    await graphqlRequest(gateway.url, query('second'));
    expect(await documents('cached')).toBe(1);

    // An invalid operation is never remembered as valid, in any wording.
    const invalid = (comment: string) => `# ${comment}\n{ product(sku: "SG-00001") { nope } }`;
    for (const comment of ['one', 'two']) {
      const refused = await graphqlRequest(gateway.url, invalid(comment));
      expect(refused.status).toBe(400);
      expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }

    // Validity is per schema: without reviews there is no rating, and a new wording of the
    // operation validated before is refused rather than served from the old schema's document.
    await writeFile(path, supergraphOf(['products', 'inventory', 'users']));
    const deadline = Date.now() + 10_000;
    let after = await graphqlRequest(gateway.url, query('third'));
    while (!after.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await graphqlRequest(gateway.url, query(`again ${Date.now()}`));
    }
    expect(after.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(after.errors?.[0]?.message).toMatch(/rating/);
  } finally {
    await gateway.stop();
  }
});

test('a subgraph failure reaches the client masked, with a request id, and the rest of the data', async () => {
  const path = join(dir, 'broken.graphql');
  // Reviews routed to a port nobody listens on: the fetch fails inside the gateway.
  const sources = readSubgraphSources().map((source) => ({
    ...source,
    url: source.name === 'reviews' ? 'http://127.0.0.1:9/graphql' : platform.subgraphs[source.name].url,
  }));
  await writeFile(path, composeSupergraph(sources).supergraphSdl);
  const gateway = await gatewayOver(path);
  try {
    const response = await graphqlRequest(gateway.url, '{ product(sku: "SG-00001") { name rating { count } } }', undefined, {
      'x-request-id': 'test-request-42',
    });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ product: null });
    const [error] = response.errors ?? [];
    expect(error?.message).toBe('Internal server error');
    expect(error?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'test-request-42' });
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/);
  } finally {
    await gateway.stop();
  }
});

test('a bad environment variable stops the gateway with a message naming it', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'gateway', 'src', 'main.ts')], {
    env: { ...process.env, PORT: 'eighty', USERS_URL: 'not a url', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/PORT \("eighty"\)/);
  expect(result.stderr).toMatch(/USERS_URL \("not a url"\)/);
  expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
});
