import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { demoProducts, demoReviews, demoUsers } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let reviews: TestService;
let sql: postgres.Sql;
beforeAll(async () => {
  reviews = await startServiceForTest('reviews', startService);
  sql = postgres(reviews.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await sql?.end();
  await reviews?.stop();
});

const admin = { id: demoUsers.find((user) => user.role === 'ADMIN')!.id, roles: ['ADMIN' as const] };
const someone = () => ({ id: randomUUID(), roles: ['CUSTOMER' as const] });
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

const CREATE = 'mutation ($i: CreateReviewInput!) { createReview(input: $i) { id status } }';
const MODERATE = 'mutation ($id: ID!, $s: ModerationDecision!) { moderateReview(id: $id, status: $s) { id status } }';
const RATING = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { rating { average count } } } }';

const ratingOf = async (productId: string) => (await reviews.request(RATING, { r: [{ __typename: 'Product', id: productId }] })).data!._entities[0].rating;
const ratingEvents = (productId: string) =>
  sql<{ payload: { productId: string; average: number | null; count: number; version: number } }[]>`
    select payload from outbox where topic = 'RatingChanged' and payload->>'productId' = ${productId} order by id`;
// Products no demo review touches, so each test starts from a known rating.
const unreviewed = demoProducts.filter((product) => !demoReviews.some((review) => review.productId === product.id));

test('the moderation queue pages oldest first, neither skipping nor repeating, and only for admins', async () => {
  const pending = await sql<{ id: string }[]>`select id from reviews where status = 'PENDING' order by created_at, id`;
  expect(pending.length).toBeGreaterThan(20);
  const query =
    'query ($after: String) { reviewsForModeration(first: 20, after: $after) { totalCount edges { node { id status } } pageInfo { hasNextPage endCursor } } }';
  const seen: string[] = [];
  let after: string | null = null;
  for (;;) {
    const response = await reviews.request(query, { after }, admin);
    expect(response.errors).toBeUndefined();
    const page: { totalCount: number; edges: { node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      response.data!.reviewsForModeration;
    expect(page.totalCount).toBe(pending.length);
    for (const edge of page.edges) expect(edge.node.status).toBe('PENDING');
    seen.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(seen).toEqual(pending.map((row) => row.id));
  expect(code(await reviews.request(query, { after: null }, someone()))).toBe('FORBIDDEN');
  expect(code(await reviews.request(query, { after: 'zzz' }, admin))).toBe('BAD_USER_INPUT');
});

test('concurrent approvals of one product all count: writers of a product take turns', async () => {
  const productId = unreviewed[0]!.id;
  const created = await Promise.all(
    [1, 2, 3, 4, 5, 5, 4, 3, 2, 1].map((rating) => reviews.request(CREATE, { i: { productId, rating, title: 'Fine', body: 'Does what it says.' } }, someone())),
  );
  const ids = created.map((response) => response.data!.createReview.id as string);
  const approved = await Promise.all(ids.map((id) => reviews.request(MODERATE, { id, s: 'APPROVED' }, admin)));
  for (const response of approved) expect(response.errors).toBeUndefined();
  expect(await ratingOf(productId)).toEqual({ average: 3, count: 10 });
  // Every write recorded the rating as it committed, versions in commit order; the last one has them all.
  const events = await ratingEvents(productId);
  expect(events.map((event) => event.payload.version)).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  expect(events.at(-1)!.payload).toEqual({ productId, average: 3, count: 10, version: 20 });
});

test('the RatingChanged row is written in the review transaction: no event without the review, no review without the event', async () => {
  const productId = unreviewed[1]!.id;
  const author = someone();
  const input = { productId, rating: 4, title: 'Good', body: 'Solid.' };
  const first = await reviews.request(CREATE, { i: input }, author);
  expect(first.data!.createReview.status).toBe('PENDING');
  expect((await ratingEvents(productId)).map((event) => event.payload)).toEqual([{ productId, average: null, count: 0, version: 1 }]);

  // A CONFLICT rolls back: no second event.
  expect(code(await reviews.request(CREATE, { i: input }, author))).toBe('CONFLICT');
  expect(await ratingEvents(productId)).toHaveLength(1);

  // When the event cannot be written, the review is not written either.
  const other = someone();
  await sql`alter table outbox rename to outbox_away`;
  try {
    expect(code(await reviews.request(CREATE, { i: input }, other))).toBe('INTERNAL_SERVER_ERROR');
  } finally {
    await sql`alter table outbox_away rename to outbox`;
  }
  expect(await sql`select id from reviews where author_id = ${other.id}`).toHaveLength(0);
  expect(await ratingEvents(productId)).toHaveLength(1);
});

test('bad input is BAD_USER_INPUT and writes nothing', async () => {
  const productId = unreviewed[2]!.id;
  const counts = async () =>
    (
      await sql<{ reviews: number; events: number }[]>`
    select (select count(*)::int from reviews) as reviews, (select count(*)::int from outbox) as events`
    )[0];
  const before = await counts();
  const valid = { productId, rating: 3, title: 'Okay', body: 'Okay.' };
  const bad = [
    { rating: 0 },
    { rating: 6 },
    { rating: 2.5 },
    { title: '' },
    { title: '   ' },
    { title: 'x'.repeat(121) },
    { body: '' },
    { body: 'x'.repeat(5_001) },
    { productId: 'not-a-uuid' },
  ];
  for (const change of bad)
    expect([change, code(await reviews.request(CREATE, { i: { ...valid, ...change } }, someone()))]).toEqual([change, 'BAD_USER_INPUT']);
  expect(code(await reviews.request(CREATE, { i: valid }))).toBe('UNAUTHENTICATED');
  expect(await counts()).toEqual(before);

  // Boundaries are accepted, and the title is stored trimmed.
  const edge = await reviews.request(
    'mutation ($i: CreateReviewInput!) { createReview(input: $i) { title body rating } }',
    {
      i: { ...valid, rating: 5, title: `  ${'t'.repeat(120)}  `, body: 'b'.repeat(5_000) },
    },
    someone(),
  );
  expect(edge.data!.createReview).toEqual({ title: 't'.repeat(120), body: 'b'.repeat(5_000), rating: 5 });
});
