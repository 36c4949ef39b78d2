import { demoCategories, demoProducts } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let products: TestService;

beforeAll(async () => {
  products = await startServiceForTest('products', startService);
});
afterAll(async () => {
  await products?.stop();
});

const PAGE = `query ($first: Int, $after: String, $filter: ProductFilter) {
  products(first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor node { id sku name price { amount currency } category { slug path { slug } } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

test('pages through the whole seeded catalog without skipping or repeating', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await products.request(PAGE, { first: 100, after });
    expect(response.errors).toBeUndefined();
    const page: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = response.data!.products;
    expect(page.totalCount).toBe(demoProducts.length);
    seen.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(demoProducts.length);
  expect(new Set(seen).size).toBe(demoProducts.length);
});

test('a category filter includes products of its descendants, with a breadcrumb path', async () => {
  const top = demoCategories.find((category) => category.slug === 'electronics')!;
  const leafIds = new Set(demoCategories.filter((category) => category.parentId === top.id).map((category) => category.id));
  const expected = demoProducts.filter((product) => leafIds.has(product.categoryId)).length;
  const { data } = await products.request(PAGE, { first: 5, filter: { categoryId: top.id } });
  expect(data!.products.totalCount).toBe(expected);
  expect(data!.products.edges[0].node.category.path[0].slug).toBe('electronics');
});

test('malformed ids, cursors and page sizes are BAD_USER_INPUT', async () => {
  const badId = await products.request('{ product(id: "42") { id } }');
  expect(badId.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const badCursor = await products.request(PAGE, { after: 'not-a-cursor' });
  expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const tooMany = await products.request(PAGE, { first: 101 });
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(tooMany.errors)).not.toMatch(/stack|at .*\.ts/);
});

test('an unknown product is null, and the entity resolves by id and by sku', async () => {
  const missing = await products.request('{ product(id: "00000000-0000-4000-8000-000000000000") { id } }');
  expect(missing.data).toEqual({ product: null });
  const [first] = demoProducts;
  const entities = await products.request('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id sku name } } }', {
    r: [
      { __typename: 'Product', sku: first!.sku },
      { __typename: 'Product', id: first!.id },
    ],
  });
  expect(entities.data!._entities).toEqual([
    { id: first!.id, sku: first!.sku, name: first!.name },
    { id: first!.id, sku: first!.sku, name: first!.name },
  ]);
});

test('seeding again over the same databases adds nothing', async () => {
  const again = await startServiceForTest('products', startService, { databasePrefix: products.databasePrefix });
  try {
    const { data } = await again.request('{ products(first: 0) { totalCount } }');
    expect(data!.products.totalCount).toBe(demoProducts.length);
  } finally {
    await again.stop();
  }
});
