import type { RunningService } from '@shopgraph/server';
import { graphqlRequest, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { gatewayOver } from './gateway-over-platform';

// The planner makes one entity fetch per response path: two aliased products that both want
// stock ask inventory twice, side by side, with the same query. Ours sends them as one call.
let platform: TestPlatform;
let unmerged: RunningService;
let slugs: string[];
beforeAll(async () => {
  platform = await startPlatformForTest();
  unmerged = await gatewayOver(platform, { mergeSiblingFetches: false });
  const page = await graphqlRequest<{ products: { edges: { node: { slug: string } }[] } }>(
    platform.gatewayUrl,
    '{ products(first: 3) { edges { node { slug } } } }',
  );
  slugs = page.data!.products.edges.map((edge) => edge.node.slug);
});
afterAll(async () => {
  await unmerged?.stop();
  await platform?.stop();
});

const TWO_PRODUCTS = `query TwoProducts($a: String!, $b: String!, $c: String!) {
  first: product(slug: $a) { name stock { available onHand } availability }
  second: product(slug: $b) { name stock { available onHand } availability rating { count } }
  third: product(slug: $c) { name stock { available onHand } availability }
}`;

/** Inventory calls a gateway has made so far, from its own /metrics. */
async function inventoryCalls(graphqlUrl: string): Promise<number> {
  return sample(await metricsOf(graphqlUrl), 'shopgraph_subgraph_fetch_duration_seconds_count', { subgraph: 'inventory', outcome: 'ok' });
}

async function ask(graphqlUrl: string, variables: Record<string, string>) {
  const before = await inventoryCalls(graphqlUrl);
  const { data, errors } = await graphqlRequest(graphqlUrl, TWO_PRODUCTS, variables);
  return { response: { data, errors }, inventoryCalls: (await inventoryCalls(graphqlUrl)) - before };
}

test('sibling stock fetches for three aliased products reach inventory as one call, with the same answer as three', async () => {
  const variables = { a: slugs[0]!, b: slugs[1]!, c: slugs[2]! };
  const merged = await ask(platform.gatewayUrl, variables);
  const separate = await ask(unmerged.url, variables);
  expect(merged.response.errors).toBeUndefined();
  expect(merged.response).toEqual(separate.response);
  expect([merged.inventoryCalls, separate.inventoryCalls]).toEqual([1, 3]);
  // Each product got its own stock, not a neighbour's.
  for (const alias of ['first', 'second', 'third']) expect(merged.response.data![alias].name).toBeTruthy();
  const direct = await graphqlRequest(platform.gatewayUrl, 'query One($slug: String!) { product(slug: $slug) { stock { available } } }', { slug: slugs[1] });
  expect(merged.response.data!.second.stock.available).toBe(direct.data!.product.stock.available);
});

test('the same product under two aliases, and a missing one whose fetch never runs, still answer without waiting for it', async () => {
  const variables = { a: slugs[0]!, b: 'no-such-product', c: slugs[0]! };
  const merged = await ask(platform.gatewayUrl, variables);
  const separate = await ask(unmerged.url, variables);
  expect(merged.response).toEqual(separate.response);
  expect(merged.response.data!.second).toBeNull();
  expect(merged.response.data!.third.stock).toEqual(merged.response.data!.first.stock);
  expect([merged.inventoryCalls, separate.inventoryCalls]).toEqual([1, 2]);
});
