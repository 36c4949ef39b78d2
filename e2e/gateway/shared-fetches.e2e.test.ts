import { DEMO_CUSTOMER_EMAIL } from '@shopgraph/demo-data';
import { graphqlRequest, metricsOf, sample, signIn } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { gatewayOver } from './gateway-over-platform';

// An anonymous query answers the same for everyone: identical ones in flight at the same time
// reach the subgraph once and each client gets the whole answer. A signed-in viewer's never share.
let platform: TestPlatform;
let customer: Record<string, string>;
beforeAll(async () => {
  platform = await startPlatformForTest();
  customer = (await signIn(platform.gatewayUrl, DEMO_CUSTOMER_EMAIL)).headers;
});
afterAll(() => platform?.stop());

const CATALOG_PAGE = '{ products(first: 20, sort: NEWEST) { totalCount edges { node { id name slug price { amount currency } } } } }';
const AT_ONCE = 30;

async function productsCalls(): Promise<number> {
  return sample(await metricsOf(platform.gatewayUrl), 'shopgraph_subgraph_fetch_duration_seconds_count', { subgraph: 'products', outcome: 'ok' });
}

async function askAtOnce(headers: Record<string, string>) {
  const before = await productsCalls();
  const responses = await Promise.all(Array.from({ length: AT_ONCE }, () => graphqlRequest(platform.gatewayUrl, CATALOG_PAGE, undefined, headers)));
  return { bodies: responses.map(({ data, errors }) => ({ data, errors })), calls: (await productsCalls()) - before };
}

test('thirty identical anonymous queries at once reach the products subgraph fewer times, and every client gets the full page', async () => {
  const { bodies, calls } = await askAtOnce({});
  expect(bodies[0]!.errors).toBeUndefined();
  expect(bodies[0]!.data!.products.edges.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).toEqual(bodies[0]);
  expect(calls).toBeGreaterThanOrEqual(1);
  expect(calls).toBeLessThan(AT_ONCE);
});

test("a signed-in viewer's identical queries are each sent on their own", async () => {
  const { bodies, calls } = await askAtOnce(customer);
  expect(bodies[0]!.errors).toBeUndefined();
  for (const body of bodies) expect(body).toEqual(bodies[0]);
  expect(calls).toBe(AT_ONCE);
});

// Identical anonymous queries in flight at once also run their plan once (engine/shared-executions.ts):
// what follows the execution is still each request's own.
test('identical anonymous queries at once each get their own refusal errors beside the shared data', async () => {
  const query = '{ order(id: "1") { id } products(first: 3) { totalCount edges { node { name } } } }';
  const responses = await Promise.all(Array.from({ length: AT_ONCE }, () => graphqlRequest(platform.gatewayUrl, query)));
  for (const response of responses) {
    expect(response.status).toBe(200);
    expect(response.data!.order).toBeNull();
    expect(response.data!.products.edges).toHaveLength(3);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]).toMatchObject({ path: ['order'], extensions: { code: 'UNAUTHENTICATED' } });
  }
});

test('identical anonymous queries at once that meet a failing subgraph each carry their own request id', async () => {
  const broken = await gatewayOver(platform, { subgraphUrls: { reviews: 'http://127.0.0.1:9/graphql' } });
  try {
    const query = '{ product(sku: "SG-00001") { name rating { count } } }';
    const ids = Array.from({ length: AT_ONCE }, (_, index) => `shared-failure-${index}`);
    const responses = await Promise.all(ids.map((id) => graphqlRequest(broken.url, query, undefined, { 'x-request-id': id })));
    responses.forEach((response, index) => {
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ product: null });
      expect(response.errors).toHaveLength(1);
      expect(response.errors![0]!.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: ids[index] });
    });
  } finally {
    await broken.stop();
  }
});
