import { graphqlRequest } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

// Refusals happen before planning: no subgraph may see any part of a refused operation.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatformForTest();
});
afterAll(() => platform?.stop());

const gql = (query: string, variables?: Record<string, unknown>) => graphqlRequest(platform.gatewayUrl, query, variables);
/** Operation names the subgraphs were sent that start with this (the gateway names its fetches `<name>__<subgraph>__<n>`). */
const reachedSubgraphs = (operationName: string) =>
  Object.values(platform.subgraphs).flatMap((service) =>
    [...(service.stats?.byOperation.keys() ?? [])].filter((name) => name.startsWith(`${operationName}__`)),
  );

test('an operation within the limits reaches the subgraphs (the control for the checks below)', async () => {
  const response = await gql('query WithinLimits { products(first: 3) { edges { node { name rating { count } } } } }');
  expect(response.errors).toBeUndefined();
  expect(reachedSubgraphs('WithinLimits').length).toBeGreaterThan(0);
});

test.each([
  ['deep', `query DeepBomb { categories { ${'children { '.repeat(12)}name${' }'.repeat(12)} } }`, { limit: 'maxDepth', maximum: 10, actual: 14 }],
  [
    'alias bomb',
    `query AliasBomb { ${Array.from({ length: 200 }, (_, i) => `p${i}: product(sku: "SG-00001") { name }`).join(' ')} }`,
    { limit: 'maxAliases', maximum: 30, actual: 200 },
  ],
  [
    'cost bomb',
    'query CostBomb { products(first: 100) { edges { node { reviews(first: 100) { edges { node { author { reviews(first: 100) { totalCount } } } } } } } } }',
    { limit: 'maxCost', maximum: 5_000 },
  ],
])('a %s query is refused with the limit named, and no subgraph is called', async (_name, query, expected) => {
  const operationName = /query (\w+)/.exec(query)![1]!;
  const response = await gql(query);
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0]!.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', ...expected });
  expect(response.errors![0]!.message).toContain(String(expected.maximum));
  expect(reachedSubgraphs(operationName)).toEqual([]);
});

test('first: 1000 is refused naming the argument, the maximum and the value, literal or variable', async () => {
  for (const [query, variables] of [
    ['query BigPage { products(first: 1000) { totalCount } }', undefined],
    ['query BigPageVar($n: Int!) { lowStockProducts(first: $n) { name } }', { n: 1000 }],
  ] as const) {
    const response = await gql(query, variables);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first', maximum: 100, actual: 1000 });
    expect(response.errors?.[0]?.message).toMatch(/"first" on Query\.\w+ must be at most 100, got 1000/);
  }
  expect([...reachedSubgraphs('BigPage'), ...reachedSubgraphs('BigPageVar')]).toEqual([]);
  expect((await gql('{ products(first: 100) { totalCount } }')).errors).toBeUndefined();
});

test('a document past the token limit is not even parsed', async () => {
  const response = await gql(`query TokenBomb { ${'__typename '.repeat(6_000)} }`);
  expect(response.status).toBe(400);
  expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  expect(response.errors?.[0]?.message).toMatch(/5000 tokens/);
});

test('batches are capped: ten operations run, eleven are refused whole', async () => {
  const post = (count: number) =>
    fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(Array.from({ length: count }, () => ({ query: '{ categories { name } }' }))),
    });
  const ten = await post(10);
  expect(ten.status).toBe(200);
  expect((await ten.json()) as unknown[]).toHaveLength(10);
  const eleven = await post(11);
  expect(eleven.status).toBe(400);
  expect(((await eleven.json()) as { errors: { message: string }[] }).errors[0]!.message).toBe('A batch may hold at most 10 operations, got 11');
});
