import { randomUUID } from 'node:crypto';
import { demoCategories, demoProducts } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, signIn, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

type Response = Awaited<ReturnType<typeof graphqlRequest>>;
const code = (response: Response) => response.errors?.[0]?.extensions?.code;

const SEARCH = `query ($q: String, $f: ProductFilter, $s: ProductSort, $first: Int, $after: String) {
  products(search: $q, filter: $f, sort: $s, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name price { amount } createdAt category { id } rating { average count } stock { available } } }
  }
}`;
const FACETS = `query ($q: String, $f: ProductFilter) {
  products(search: $q, filter: $f, first: 0) {
    totalCount
    facets { categories { category { id name } count } prices { min max count } ratings { stars count } }
  }
}`;
const CREATE = 'mutation ($i: CreateProductInput!) { createProduct(input: $i) { id sku slug name price { amount currency } category { id } archivedAt } }';

interface Node {
  id: string;
  name: string;
  price: { amount: number };
  createdAt: string;
  category: { id: string };
  rating: { average: number | null; count: number };
  stock: { available: number };
}

const leaf = demoCategories.find((category) => category.parentId !== null)!;
const topLevel = demoCategories.find((category) => category.parentId === null)!;

describeWithRedis('catalog search through the gateway', () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let customer: Record<string, string>;
  const gql = (query: string, variables?: Record<string, unknown>, headers = admin) => graphqlRequest(platform.gatewayUrl, query, variables, headers);
  const search = async (variables: Record<string, unknown>) => {
    const response = await gql(SEARCH, variables);
    expect(response.errors).toBeUndefined();
    return response.data!.products as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Node }[] };
  };
  /** Every page of a search, following endCursor; `between` runs after each page. */
  const allPages = async (variables: Record<string, unknown>, first: number, between: () => Promise<unknown> = async () => {}) => {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await search({ ...variables, first, after });
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) return nodes;
      after = page.pageInfo.endCursor;
      await between();
    }
  };
  const create = (input: Record<string, unknown>) => gql(CREATE, { i: { categoryId: leaf.id, price: 1_999, description: '', ...input } });
  const uniqueSku = () => `T-${randomUUID().slice(0, 8).toUpperCase()}`;

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
    customer = (await signIn(platform.gatewayUrl, 'customer@shopgraph.dev')).headers;
  });
  afterAll(() => platform?.stop());

  test('an exact name match ranks first; the last word matches as a prefix', async () => {
    const noun = demoProducts[0]!.name.split(' ').at(-1)!;
    const byNoun = await allPages({ q: noun }, 100);
    expect(byNoun.length).toBeGreaterThan(3);
    const exact = await create({ sku: uniqueSku(), name: noun, description: `Just a ${noun.toLowerCase()}.` });
    expect(exact.errors).toBeUndefined();
    const ranked = await search({ q: noun.toLowerCase(), first: 5 });
    expect(ranked.edges[0]!.node.name).toBe(noun);

    const typed = await allPages({ q: noun.slice(0, Math.max(3, noun.length - 2)) }, 100);
    expect(typed.map((node) => node.id)).toEqual(expect.arrayContaining([exact.data!.createProduct.id, ...byNoun.map((node) => node.id)]));
    expect((await search({ q: 'zzzqqq nothing like this', first: 10 })).totalCount).toBe(0);
    // Query syntax typed by a shopper is only words to us.
    expect((await gql(SEARCH, { q: "lamp & !( ' :*", first: 3 })).errors).toBeUndefined();
  });

  test('facet counts are the counts of the filtered list', async () => {
    const variables = { q: undefined, f: { categoryId: topLevel.id, minPrice: 1_000, maxPrice: 25_000, inStock: true } };
    const nodes = await allPages(variables, 100);
    const facets = (await gql(FACETS, variables)).data!.products;
    expect(facets.totalCount).toBe(nodes.length);
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.every((node) => node.price.amount >= 1_000 && node.price.amount <= 25_000 && node.stock.available > 0)).toBe(true);

    const tally = (keys: string[]) => keys.reduce<Record<string, number>>((counts, key) => ({ ...counts, [key]: (counts[key] ?? 0) + 1 }), {});
    const byCategory = Object.fromEntries(
      facets.facets.categories.map((facet: { category: { id: string }; count: number }) => [facet.category.id, facet.count]),
    );
    expect(byCategory).toEqual(tally(nodes.map((node) => node.category.id)));
    const bucketOf = (amount: number) =>
      facets.facets.prices.find((facet: { min: number; max: number | null }) => amount >= facet.min && (facet.max === null || amount < facet.max));
    expect(facets.facets.prices.map((facet: { count: number }) => facet.count)).toEqual(
      facets.facets.prices.map((facet: unknown) => nodes.filter((node) => bucketOf(node.price.amount) === facet).length),
    );
    const stars = (node: Node) => (node.rating.average === null ? 'none' : String(Math.floor(node.rating.average)));
    expect(
      Object.fromEntries(
        facets.facets.ratings.map((facet: { stars: number | null; count: number }) => [facet.stars === null ? 'none' : String(facet.stars), facet.count]),
      ),
    ).toEqual(tally(nodes.map(stars)));
  });

  test('filters and sorts: descendants of a category, price order, rating order, minimum rating', async () => {
    const children = demoCategories.filter((category) => category.parentId === topLevel.id).map((category) => category.id);
    const inTree = await allPages({ f: { categoryId: topLevel.id } }, 100);
    expect(new Set(inTree.map((node) => node.category.id))).toEqual(new Set(children));

    const cheapFirst = await allPages({ s: 'PRICE_ASC', f: { categoryId: topLevel.id } }, 9);
    expect(cheapFirst.map((node) => node.price.amount)).toEqual([...cheapFirst.map((node) => node.price.amount)].sort((a, b) => a - b));
    const bestFirst = await allPages({ s: 'RATING', f: { minRating: 4 } }, 25);
    expect(bestFirst.length).toBeGreaterThan(0);
    expect(bestFirst.every((node) => node.rating.average! >= 4)).toBe(true);
    const averages = bestFirst.map((node) => node.rating.average!);
    expect(averages).toEqual([...averages].sort((a, b) => b - a));
  });

  test('pages neither skip nor repeat while products are added between them', async () => {
    const before = await allPages({ s: 'PRICE_ASC' }, 100);
    const seen = await allPages({ s: 'PRICE_ASC' }, 7, () =>
      Promise.all([
        create({ sku: uniqueSku(), name: `Inserted ${randomUUID()}`, price: 1 }),
        create({ sku: uniqueSku(), name: `Inserted ${randomUUID()}`, price: 9_999_999 }),
      ]),
    );
    const ids = seen.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(before.map((node) => node.id)));

    const newestBefore = await allPages({ s: 'NEWEST' }, 100);
    const newest = await allPages({ s: 'NEWEST' }, 11, () => create({ sku: uniqueSku(), name: `Newer ${randomUUID()}` }));
    expect(new Set(newest.map((node) => node.id)).size).toBe(newest.length);
    expect(newest.map((node) => node.id)).toEqual(expect.arrayContaining(newestBefore.map((node) => node.id)));
  });

  test('a stock change reaches the in-stock filter through the event bus', async () => {
    const name = `Event Lamp ${randomUUID().slice(0, 8)}`;
    const created = (await create({ sku: uniqueSku(), name })).data!.createProduct;
    const inStockNamed = async () => (await search({ q: name, f: { inStock: true }, first: 5 })).totalCount;
    expect(await inStockNamed()).toBe(0);
    const adjust = 'mutation ($id: ID!, $d: Int!) { adjustStock(productId: $id, delta: $d, reason: "first delivery") { delta } }';
    expect((await gql(adjust, { id: created.id, d: 4 })).errors).toBeUndefined();
    const deadline = Date.now() + 10_000;
    while ((await inStockNamed()) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await inStockNamed()).toBe(1);
    expect((await gql(adjust, { id: created.id, d: -4 })).errors).toBeUndefined();
    while ((await inStockNamed()) === 1 && Date.now() < deadline + 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await inStockNamed()).toBe(0);
  });

  test('an approved review reaches the rating filter and sort through the event bus', async () => {
    const name = `Rated Kite ${randomUUID().slice(0, 8)}`;
    const created = (await create({ sku: uniqueSku(), name })).data!.createProduct;
    const topRated = async () => (await search({ q: name, f: { minRating: 5 }, s: 'RATING', first: 5 })).edges.map((edge) => edge.node.id);
    expect(await topRated()).toEqual([]);
    const review = await gql(
      'mutation ($i: CreateReviewInput!) { createReview(input: $i) { id } }',
      { i: { productId: created.id, rating: 5, title: 'Flies', body: 'It flies well.' } },
      customer,
    );
    expect(review.errors).toBeUndefined();
    expect(
      (await gql('mutation ($id: ID!) { moderateReview(id: $id, status: APPROVED) { status } }', { id: review.data!.createReview.id })).errors,
    ).toBeUndefined();
    const deadline = Date.now() + 10_000;
    while ((await topRated()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await topRated()).toEqual([created.id]);
  });

  test('admin edits: duplicates are CONFLICT, bad input BAD_USER_INPUT, customers FORBIDDEN, and nothing is written', async () => {
    const countAll = async () => (await search({ first: 0 })).totalCount;
    const start = await countAll();
    const sku = uniqueSku();
    const made = await create({
      sku,
      name: 'Shopgraph Test Kettle',
      images: ['https://cdn.example.com/kettle.jpg'],
      attributes: [{ name: 'Colour', value: 'Red' }],
    });
    expect(made.data!.createProduct).toMatchObject({ sku, slug: 'shopgraph-test-kettle', price: { amount: 1_999, currency: 'USD' }, archivedAt: null });
    expect(await countAll()).toBe(start + 1);

    expect(code(await create({ sku, name: 'Another Kettle' }))).toBe('CONFLICT');
    expect(code(await create({ sku: uniqueSku(), name: 'Shopgraph Test Kettle' }))).toBe('CONFLICT');
    expect(code(await create({ sku: uniqueSku(), name: 'Bad Price', price: -1 }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ sku: uniqueSku(), name: 'Absurd Price', price: 2_000_000_000 }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ sku: uniqueSku(), name: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
    expect(code(await create({ sku: uniqueSku(), name: 'Nowhere', categoryId: randomUUID() }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(CREATE, { i: { sku: uniqueSku(), name: 'Not Yours', price: 1, categoryId: leaf.id } }, customer))).toBe('FORBIDDEN');
    expect(await countAll()).toBe(start + 1);

    const id = made.data!.createProduct.id;
    const update = 'mutation ($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { sku price { amount } } }';
    expect(code(await gql(update, { id, i: { price: -5 } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(update, { id, i: { sku: demoProducts[0]!.sku } }))).toBe('CONFLICT');
    expect((await gql('query ($id: ID!) { product(id: $id) { sku price { amount } } }', { id })).data!.product).toEqual({ sku, price: { amount: 1_999 } });

    const archive = 'mutation ($id: ID!) { archiveProduct(id: $id) { id archivedAt } }';
    expect(code(await gql(archive, { id }, customer))).toBe('FORBIDDEN');
    const archived = (await gql(archive, { id })).data!.archiveProduct;
    expect(archived.archivedAt).not.toBeNull();
    expect((await gql(archive, { id })).data!.archiveProduct.archivedAt).toBe(archived.archivedAt);
    expect((await search({ q: 'Shopgraph Test Kettle', first: 5 })).totalCount).toBe(0);
    expect((await gql('query ($id: ID!) { product(id: $id) { archivedAt } }', { id })).data!.product.archivedAt).toBe(archived.archivedAt);

    const category = 'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { slug parent { id } path { id } } }';
    const made2 = await gql(category, { i: { name: `Gadgets ${sku}`, parentId: topLevel.id } });
    expect(made2.data!.createCategory).toMatchObject({ slug: `gadgets-${sku.toLowerCase()}`, parent: { id: topLevel.id } });
    expect(code(await gql(category, { i: { name: `Gadgets ${sku}` } }))).toBe('CONFLICT');
    expect(code(await gql(category, { i: { name: 'Orphans', parentId: randomUUID() } }))).toBe('BAD_USER_INPUT');
  });

  test('page sizes, cursors and filters out of range are BAD_USER_INPUT', async () => {
    expect(code(await gql(SEARCH, { first: 101 }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SEARCH, { first: 5, after: 'bm90IGEgY3Vyc29y' }))).toBe('BAD_USER_INPUT');
    const priceCursor = (await search({ s: 'PRICE_ASC', first: 1 })).pageInfo.endCursor;
    expect(code(await gql(SEARCH, { s: 'NEWEST', first: 5, after: priceCursor }))).toBe('BAD_USER_INPUT');
    const forged = Buffer.from(JSON.stringify(['PRICE_ASC', 'abc', 'def'])).toString('base64url');
    expect(code(await gql(SEARCH, { s: 'PRICE_ASC', first: 5, after: forged }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SEARCH, { f: { minPrice: 500, maxPrice: 100 } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SEARCH, { f: { minRating: 6 } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SEARCH, { f: { categoryId: randomUUID() } }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SEARCH, { q: 'x'.repeat(201) }))).toBe('BAD_USER_INPUT');
  });
});
