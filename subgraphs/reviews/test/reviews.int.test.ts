import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { demoProducts, demoReviews } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let reviews: TestService;
beforeAll(async () => {
  reviews = await startServiceForTest('reviews', startService);
});
afterAll(() => reviews?.stop());

const approved = demoReviews.filter((review) => review.status === 'APPROVED');
const PRODUCT_ENTITIES = `query ($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Product {
      id
      reviews(first: 3) { totalCount edges { node { id rating status author { id } product { id } } } }
      rating { average count histogram { stars count } }
    }
  }
}`;

const productRefs = (count: number, offset = 0) => demoProducts.slice(offset, offset + count).map((product) => ({ __typename: 'Product', id: product.id }));

test('ratings and histograms equal what the approved demo reviews give; pending ones are never listed', async () => {
  const { data, errors } = await reviews.request(PRODUCT_ENTITIES, { r: productRefs(40) });
  expect(errors).toBeUndefined();
  for (const product of data!._entities) {
    const mine = approved.filter((review) => review.productId === product.id);
    const histogram = [1, 2, 3, 4, 5].map((stars) => ({ stars, count: mine.filter((review) => review.rating === stars).length }));
    expect(product.rating.count).toBe(mine.length);
    expect(product.rating.histogram).toEqual(histogram);
    const average = mine.length ? Math.round((mine.reduce((sum, review) => sum + review.rating, 0) / mine.length) * 100) / 100 : null;
    expect(product.rating.average).toBe(average);
    expect(product.reviews.totalCount).toBe(mine.length);
    for (const edge of product.reviews.edges) expect(edge.node.status).toBe('APPROVED');
  }
  const pendingIds = new Set(demoReviews.filter((review) => review.status === 'PENDING').map((review) => review.id));
  expect(pendingIds.size).toBeGreaterThan(0);
  const pending = await reviews.request('query ($id: ID!) { review(id: $id) { id } }', { id: [...pendingIds][0] });
  expect(pending.data).toEqual({ review: null });
});

test("pending reviews are their author's and admins': by id and in User.reviews, with their status", async () => {
  const pending = demoReviews.find((review) => review.status === 'PENDING')!;
  type Viewer = { id: string; roles: ('CUSTOMER' | 'ADMIN')[] };
  const author: Viewer = { id: pending.authorId, roles: ['CUSTOMER'] };
  const admin: Viewer = { id: randomUUID(), roles: ['ADMIN'] };
  const stranger: Viewer = { id: randomUUID(), roles: ['CUSTOMER'] };
  const byId = 'query ($id: ID!) { review(id: $id) { id status } }';
  expect((await reviews.request(byId, { id: pending.id }, author)).data).toEqual({ review: { id: pending.id, status: 'PENDING' } });
  expect((await reviews.request(byId, { id: pending.id }, admin)).data).toEqual({ review: { id: pending.id, status: 'PENDING' } });
  expect((await reviews.request(byId, { id: pending.id }, stranger)).data).toEqual({ review: null });

  const listed = async (viewer: Viewer) => {
    const { data, errors } = await reviews.request(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { reviews(first: 100) { totalCount edges { node { id status } } } } } }',
      {
        r: [{ __typename: 'User', id: pending.authorId }],
      },
      viewer,
    );
    expect(errors).toBeUndefined();
    return data!._entities[0].reviews as { totalCount: number; edges: { node: { id: string; status: string } }[] };
  };
  const mine = demoReviews.filter((review) => review.authorId === pending.authorId);
  for (const viewer of [author, admin]) {
    const all = await listed(viewer);
    expect(all.totalCount).toBe(mine.length);
    expect(all.edges.map((edge) => edge.node).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      mine.map((review) => ({ id: review.id, status: review.status })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  }
  const publicList = await listed(stranger);
  expect(publicList.totalCount).toBe(mine.filter((review) => review.status === 'APPROVED').length);
  expect(publicList.edges.map((edge) => edge.node.status)).not.toContain('PENDING');
});

test('reviews and ratings of 50 products cost the same statements as of 5', async () => {
  // Products no earlier test read, so the rating cache is cold for both.
  const cost = async (count: number, offset: number) => {
    const before = reviews.statements!.count;
    const { errors } = await reviews.request(PRODUCT_ENTITIES, { r: productRefs(count, offset) });
    expect(errors).toBeUndefined();
    return reviews.statements!.count - before;
  };
  const five = await cost(5, 100);
  const fifty = await cost(50, 150);
  expect(fifty).toBe(five);
  expect(fifty).toBeLessThanOrEqual(2);
});

test("paging one author's reviews with first/after neither skips nor repeats", async () => {
  const byAuthor = new Map<string, number>();
  for (const review of approved) byAuthor.set(review.authorId, (byAuthor.get(review.authorId) ?? 0) + 1);
  const [authorId, total] = [...byAuthor.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const query = `query ($r: [_Any!]!, $after: String) {
    _entities(representations: $r) { ... on User { reviews(first: 4, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }
  }`;
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await reviews.request(query, { r: [{ __typename: 'User', id: authorId }], after });
    expect(response.errors).toBeUndefined();
    const page: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      response.data!._entities[0].reviews;
    expect(page.totalCount).toBe(total);
    seen.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(total);
  expect(new Set(seen).size).toBe(total);
  expect(seen.sort()).toEqual(
    approved
      .filter((review) => review.authorId === authorId)
      .map((review) => review.id)
      .sort(),
  );
});

test('bad input: malformed ids and cursors are BAD_USER_INPUT, unknown ids null', async () => {
  const malformed = await reviews.request('{ review(id: "abc") { id } }');
  expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const unknown = await reviews.request('{ review(id: "00000000-0000-4000-8000-000000000000") { id } }');
  expect(unknown.data).toEqual({ review: null });
  const badCursor = await reviews.request(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { reviews(after: "zzz") { totalCount } } } }',
    {
      r: productRefs(1),
    },
  );
  expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('a database failure mid-request is a masked error, leaves no unhandled rejection, and the subgraph keeps serving', async () => {
  const sql = postgres(reviews.databaseUrl, { max: 1, onnotice: () => {} });
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await sql`alter table product_ratings rename to product_ratings_away`;
    await sql`alter table reviews rename to reviews_away`;
    // Both loads of Product.reviews (its page and its count) fail.
    const failing = await reviews.request(PRODUCT_ENTITIES, { r: productRefs(3, 200) });
    expect(failing.errors?.[0]?.message).toBe('Internal server error');
    expect(failing.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(failing.errors)).not.toMatch(/product_ratings|relation|postgres/i);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
    expect((await fetch(reviews.url.replace('/graphql', '/health'))).status).toBe(200);
    expect((await reviews.request('{ _service { sdl } }')).errors).toBeUndefined();
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await sql`alter table if exists reviews_away rename to reviews`;
    await sql`alter table if exists product_ratings_away rename to product_ratings`;
    await sql.end();
  }
});
