import { readFileSync } from 'node:fs';
import { graphqlRequest, metricsOf } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { DEFAULT_MANIFEST_PATH } from '@shopgraph/gateway';

// Operations found to slip past the limits (issue #15): each must be refused before planning, with
// the code and status of any other over-limit operation, and reach no subgraph.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatformForTest();
});
afterAll(() => platform?.stop());

const MAX_BODY_BYTES = 262_144;
const gql = (query: string, variables?: Record<string, unknown>) => graphqlRequest(platform.gatewayUrl, query, variables);

/** Subgraphs whose own /metrics count a request of this operation (the gateway names each fetch `<operation>__<subgraph>__<n>`). */
async function subgraphsReached(operationName: string): Promise<string[]> {
  const reached: string[] = [];
  for (const [name, service] of Object.entries(platform.subgraphs)) {
    if ((await metricsOf(service.url)).includes(`operation="${operationName}__`)) reached.push(name);
  }
  return reached;
}

/** `query <name> { ...F0 }` over `levels` fragments, each spreading the next `width` times, the last selecting `leaf`. */
function fragmentFanOut(name: string, root: string, levels: number, width: number, leaf: string): string {
  const [type, open, close] = root === 'Query' ? ['Query', '', ''] : ['Product', 'products(first: 100) { edges { node { ', ' } } }'];
  const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on ${type} {${` ...F${i + 1}`.repeat(width)} }`);
  return [`query ${name} { ${open}...F0${close} }`, ...fragments, `fragment F${levels} on ${type} { ${leaf} }`].join('\n');
}

const typenameAliases = (name: string) =>
  `query ${name}{products(first:100){edges{node{${Array.from({ length: 1_500 }, (_, i) => `a${i}:__typename`).join(' ')}}}}}`;

test('the helper sees a subgraph called for an admitted operation (the control for the checks below)', async () => {
  const response = await gql('query HostileControl { products(first: 2) { edges { node { __typename name } } } }');
  expect(response.errors).toBeUndefined();
  expect(await subgraphsReached('HostileControl')).toContain('products');
});

test('1,500 aliased __typename fields are refused as aliases, before any subgraph is called', async () => {
  const response = await gql(typenameAliases('TypenameAliases'));
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(response.errors![0]!.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxAliases', maximum: 30, actual: 1_500 });
  expect(await subgraphsReached('TypenameAliases')).toEqual([]);
});

test('a batch of ten such operations is refused whole with 400, each with its reason', async () => {
  const body = JSON.stringify(Array.from({ length: 10 }, (_, i) => ({ query: typenameAliases(`TypenameBatch${i}`) })));
  // Under the body limit, so it is the operation limits that refuse it.
  expect(body.length).toBeLessThan(MAX_BODY_BYTES);
  const response = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  expect(response.status).toBe(400);
  const results = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] }[];
  expect(results).toHaveLength(10);
  for (const result of results) {
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxAliases', actual: 1_500 });
  }
  for (let i = 0; i < 10; i += 1) expect(await subgraphsReached(`TypenameBatch${i}`)).toEqual([]);
});

test('fragments fanning out to __typename leaves count every leaf they expand to', async () => {
  // About 700 bytes; expanded, 8^8 = 16,777,216 __typename fields under each of 100 products.
  const query = fragmentFanOut('TypenameFanOut', 'Product', 8, 8, '__typename');
  expect(query.length).toBeLessThan(1_024);
  const response = await gql(query);
  expect(response.status).toBe(400);
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxFields', maximum: 1_000 });
  expect(response.errors![0]!.extensions!.actual).toBe(3 + 8 ** 8);
  expect(await subgraphsReached('TypenameFanOut')).toEqual([]);
});

test('a fragment "billion laughs" is refused, measured exactly, without expanding it', async () => {
  // 9 levels of 9 spreads: 387,420,489 copies of the root field `categories { name }`.
  const query = fragmentFanOut('BillionLaughs', 'Query', 9, 9, 'categories { name }');
  expect(query.length).toBeLessThan(800);
  const response = await gql(query);
  expect(response.status).toBe(400);
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxRootFields', maximum: 20, actual: 9 ** 9 });
  expect(await subgraphsReached('BillionLaughs')).toEqual([]);
});

describe('defaults of operation variables count like literals', () => {
  const nested = (name: string, header: string, n: string, m: string) =>
    `query ${name}${header} { products(first: ${n}) { edges { node { reviews(first: ${m}) { edges { node { author { name } } } } } } } }`;

  test('a cost bomb through variable defaults is refused exactly like its literal twin', async () => {
    const literal = await gql(nested('LiteralPages', '', '100', '100'));
    const defaults = await gql(nested('DefaultPages', '($n: Int = 100, $m: Int = 100)', '$n', '$m'));
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'maxCost', maximum: 5_000, actual: 30_301 });
    expect(defaults.status).toBe(literal.status);
    expect(defaults.data ?? null).toBeNull();
    expect(defaults.errors).toEqual(literal.errors);
    expect(await subgraphsReached('DefaultPages')).toEqual([]);
  });

  test('a variable given in the request wins over its default', async () => {
    const response = await gql(nested('GivenPages', '($n: Int = 100, $m: Int = 100)', '$n', '$m'), { n: 2, m: 2 });
    expect(response.errors).toBeUndefined();
    expect(response.data?.products.edges).toHaveLength(2);
  });

  test('a default of 1000 is refused by the page limit, like first: 1000', async () => {
    const response = await gql('query DefaultBigPage($n: Int = 1000) { products(first: $n) { totalCount } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'maxPageSize',
      argumentName: 'first',
      maximum: 100,
      actual: 1_000,
    });
    expect(await subgraphsReached('DefaultBigPage')).toEqual([]);
  });
});

test("our clients' queries still pass every limit through the gateway, with page sizes at the maximum", async () => {
  const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as { operations: { name: string; type: string; body: string }[] };
  // Queries only: mutations are measured in measure-operation.test.ts and would change data here.
  const queries = manifest.operations.filter((entry) => entry.type === 'query');
  expect(queries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['ShopSearch', 'ShopProduct', 'StorefrontProducts', 'CategoryTree']));
  for (const { name, body } of queries) {
    const pages = Object.fromEntries([...body.matchAll(/\$(first|last)\b/gi)].map((match) => [match[1]!, 100]));
    const response = await gql(body, pages);
    const refusals = (response.errors ?? []).filter((error) => error.extensions?.code === 'OPERATION_TOO_COMPLEX' || error.extensions?.limit === 'maxPageSize');
    expect({ name, refusals }).toEqual({ name, refusals: [] });
  }
});
