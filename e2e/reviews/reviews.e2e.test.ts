import postgres from 'postgres';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { DEMO_PASSWORD, demoOrders, demoProducts, demoReviews, demoUsers } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, startServiceForTest, testDatabaseServerUrl, testRedisUrl, type TestService } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { startService as startReviewsService } from '@shopgraph/reviews';

type Response = Awaited<ReturnType<typeof graphqlRequest>>;
const code = (response: Response) => response.errors?.[0]?.extensions?.code;

const REVIEW_FIELDS = 'id status rating title body verifiedPurchase author { id } product { id }';
const CREATE = `mutation ($i: CreateReviewInput!) { createReview(input: $i) { ${REVIEW_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $i: UpdateReviewInput!) { updateReview(id: $id, input: $i) { ${REVIEW_FIELDS} } }`;
const DELETE = 'mutation ($id: ID!) { deleteReview(id: $id) { id product { rating { count } } } }';
const MODERATE = 'mutation ($id: ID!, $s: ModerationDecision!) { moderateReview(id: $id, status: $s) { id status } }';
const REVIEW = 'query ($id: ID!) { review(id: $id) { id status } }';
const PRODUCT = `query ($id: ID!) {
  product(id: $id) { rating { average count histogram { stars count } } reviews(first: 50) { totalCount edges { node { id status } } } }
}`;
const USER_REVIEWS = 'query ($id: ID!) { user(id: $id) { reviews(first: 50) { totalCount edges { node { id status } } } } }';

const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
const otherCustomer = demoUsers.find((user) => user.role === 'CUSTOMER' && user.id !== customer.id)!;
const reviewedBy = (userId: string) => new Set(demoReviews.filter((review) => review.authorId === userId).map((review) => review.productId));
const deliveredTo = new Set(
  demoOrders.filter((order) => order.status === 'DELIVERED').flatMap((order) => order.items.map((item) => `${order.userId}:${item.productId}`)),
);
const customerProductsIn = (status: string) =>
  demoOrders.filter((order) => order.userId === customer.id && order.status === status).flatMap((order) => order.items.map((item) => item.productId));
// Products neither demo customer of these tests has reviewed, with approved demo reviews to move the rating against.
const fresh = demoProducts.filter(
  (product) =>
    !reviewedBy(customer.id).has(product.id) && !reviewedBy(otherCustomer.id).has(product.id) && !customerProductsIn('DELIVERED').includes(product.id),
);
const withReviews = fresh.filter((product) => demoReviews.filter((review) => review.productId === product.id && review.status === 'APPROVED').length >= 2);

/** The public rating of the approved ratings given: what Product.rating must answer. */
function expectedRating(ratings: number[]) {
  const count = ratings.length;
  return {
    average: count ? Math.round((ratings.reduce((sum, rating) => sum + rating, 0) / count) * 100) / 100 : null,
    count,
    histogram: [1, 2, 3, 4, 5].map((stars) => ({ stars, count: ratings.filter((rating) => rating === stars).length })),
  };
}
const approvedDemoRatings = (productId: string) =>
  demoReviews.filter((review) => review.productId === productId && review.status === 'APPROVED').map((review) => review.rating);

describeWithRedis('reviews and moderation through the gateway', () => {
  let platform: TestPlatform;
  let sql: postgres.Sql;
  const tokens: Record<'admin' | 'customer' | 'other', Record<string, string>> = { admin: {}, customer: {}, other: {} };
  const gql = (query: string, variables?: Record<string, unknown>, as?: keyof typeof tokens) =>
    graphqlRequest(platform.gatewayUrl, query, variables, as ? tokens[as] : {});
  const productOf = async (id: string) => (await gql(PRODUCT, { id })).data!.product;
  const create = (productId: string, as: keyof typeof tokens, fields: Partial<{ rating: number; title: string; body: string }> = {}) =>
    gql(CREATE, { i: { productId, rating: 4, title: 'Nice', body: 'Works well.', ...fields } }, as);

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    sql = postgres(serviceDatabaseUrl('reviews', testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
    const login = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
    const bearer = async (email: string) => ({
      authorization: `Bearer ${(await graphqlRequest(platform.gatewayUrl, login, { e: email, p: DEMO_PASSWORD })).data!.login.accessToken}`,
    });
    tokens.admin = await bearer('admin@shopgraph.dev');
    tokens.customer = await bearer(customer.email);
    tokens.other = await bearer(otherCustomer.email);
  });
  afterAll(async () => {
    await sql?.end();
    await platform?.stop();
  });

  test('a new review is PENDING: out of the rating and the product page, seen only by its author and admins', async () => {
    const product = withReviews[0]!;
    const before = await productOf(product.id);
    const created = await create(product.id, 'customer', { title: '  Sturdy  ' });
    expect(created.errors).toBeUndefined();
    const review = created.data!.createReview;
    expect(review).toMatchObject({ status: 'PENDING', rating: 4, title: 'Sturdy', author: { id: customer.id }, product: { id: product.id } });

    expect(await productOf(product.id)).toEqual(before);
    expect((await gql(REVIEW, { id: review.id })).data).toEqual({ review: null });
    expect((await gql(REVIEW, { id: review.id }, 'other')).data).toEqual({ review: null });
    expect((await gql(REVIEW, { id: review.id }, 'customer')).data).toEqual({ review: { id: review.id, status: 'PENDING' } });
    expect((await gql(REVIEW, { id: review.id }, 'admin')).data).toEqual({ review: { id: review.id, status: 'PENDING' } });

    const mine = (await gql('{ me { reviews(first: 50) { totalCount edges { node { id status } } } } }', undefined, 'customer')).data!.me.reviews;
    expect(mine.edges).toContainEqual({ node: { id: review.id, status: 'PENDING' } });
    expect(mine.totalCount).toBe(demoReviews.filter((r) => r.authorId === customer.id).length + 1);
    const seenByOthers = (await gql(USER_REVIEWS, { id: customer.id }, 'other')).data!.user.reviews;
    expect(seenByOthers.edges.map((edge: { node: { status: string } }) => edge.node.status)).not.toContain('PENDING');
    expect(seenByOthers.totalCount).toBe(demoReviews.filter((r) => r.authorId === customer.id && r.status === 'APPROVED').length);

    const queue = (await gql('{ reviewsForModeration(first: 100) { edges { node { id } } } }', undefined, 'admin')).data!.reviewsForModeration;
    expect(queue.edges).toContainEqual({ node: { id: review.id } });

    // One review per customer and product.
    expect(code(await create(product.id, 'customer', { title: 'Again' }))).toBe('CONFLICT');

    // Written with the review, in its transaction: the product's rating as a RatingChanged event.
    const [event] = await sql<
      { payload: unknown }[]
    >`select payload from outbox where topic = 'RatingChanged' and payload->>'productId' = ${product.id} order by id desc limit 1`;
    expect(event?.payload).toEqual({ productId: product.id, average: before.rating.average, count: before.rating.count, version: expect.any(Number) });
  });

  test('bad ratings, titles and bodies are BAD_USER_INPUT and write nothing', async () => {
    const [product, other] = [withReviews[1]!, withReviews[4]!];
    const review = (await create(product.id, 'customer')).data!.createReview;
    const counts = async () =>
      (
        await sql<{ reviews: number; events: number }[]>`select (select count(*)::int from reviews) as reviews, (select count(*)::int from outbox) as events`
      )[0];
    const before = await counts();
    const bad = [
      { rating: 0 },
      { rating: 6 },
      { rating: 2.5 },
      { title: '' },
      { title: ' \t ' },
      { title: 'x'.repeat(121) },
      { body: '' },
      { body: 'x'.repeat(5_001) },
    ];
    for (const fields of bad) {
      expect([fields, code(await create(other.id, 'customer', fields))]).toEqual([fields, 'BAD_USER_INPUT']);
      expect([fields, code(await gql(UPDATE, { id: review.id, i: fields }, 'customer'))]).toEqual([fields, 'BAD_USER_INPUT']);
    }
    expect(code(await gql(UPDATE, { id: review.id, i: {} }, 'customer'))).toBe('BAD_USER_INPUT');
    expect(code(await create('not-an-id', 'customer'))).toBe('BAD_USER_INPUT');
    expect(code(await gql(CREATE, { i: { productId: other.id, rating: 3, title: 'Anonymous', body: 'Hi' } }))).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
    expect((await gql(`query ($id: ID!) { review(id: $id) { ${REVIEW_FIELDS} } }`, { id: review.id }, 'customer')).data!.review).toEqual(review);
  });

  test('customers cannot moderate, nor edit or delete what is not theirs', async () => {
    const product = withReviews[2]!;
    const review = (await create(product.id, 'customer')).data!.createReview;
    expect(code(await gql(MODERATE, { id: review.id, s: 'APPROVED' }, 'customer'))).toBe('FORBIDDEN');
    expect(code(await gql('{ reviewsForModeration { totalCount } }', undefined, 'customer'))).toBe('FORBIDDEN');
    expect(code(await gql(UPDATE, { id: review.id, i: { rating: 1 } }, 'other'))).toBe('FORBIDDEN');
    // Admins moderate; they do not rewrite what customers said.
    expect(code(await gql(UPDATE, { id: review.id, i: { rating: 1 } }, 'admin'))).toBe('FORBIDDEN');
    expect(code(await gql(DELETE, { id: review.id }, 'other'))).toBe('FORBIDDEN');
    expect(code(await gql(DELETE, { id: review.id }))).toBe('UNAUTHENTICATED');
    expect((await gql(`query ($id: ID!) { review(id: $id) { ${REVIEW_FIELDS} } }`, { id: review.id }, 'customer')).data!.review).toEqual(review);
    expect(code(await gql(MODERATE, { id: '00000000-0000-4000-8000-000000000000', s: 'APPROVED' }, 'admin'))).toBe('NOT_FOUND');
  });

  test('approve, edit, approve again, reject, delete: the rating follows on the very next read, in every process', async () => {
    const product = withReviews[3]!;
    const demo = approvedDemoRatings(product.id);
    // A second reviews process over the same databases and Redis, standing in for another replica.
    const replica: TestService = await startServiceForTest('reviews', startReviewsService, {
      databasePrefix: platform.databasePrefix,
      redisUrl: testRedisUrl(),
      seed: false,
    });
    const replicaRating = async () =>
      (
        await replica.request(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { rating { average count histogram { stars count } } } } }',
          {
            r: [{ __typename: 'Product', id: product.id }],
          },
        )
      ).data!._entities[0].rating;
    const publicIds = async () => (await productOf(product.id)).reviews.edges.map((edge: { node: { id: string } }) => edge.node.id);
    try {
      // Warm the shared cache in both processes first, so a stale entry would show.
      expect((await productOf(product.id)).rating).toEqual(expectedRating(demo));
      expect(await replicaRating()).toEqual(expectedRating(demo));

      const review = (await create(product.id, 'customer', { rating: 1 })).data!.createReview;
      expect((await gql(MODERATE, { id: review.id, s: 'APPROVED' }, 'admin')).data).toEqual({ moderateReview: { id: review.id, status: 'APPROVED' } });
      const approved = await productOf(product.id);
      expect(approved.rating).toEqual(expectedRating([...demo, 1]));
      expect(approved.reviews.totalCount).toBe(demo.length + 1);
      expect(approved.reviews.edges).toContainEqual({ node: { id: review.id, status: 'APPROVED' } });
      expect(await replicaRating()).toEqual(expectedRating([...demo, 1]));
      expect((await gql(REVIEW, { id: review.id }, 'other')).data).toEqual({ review: { id: review.id, status: 'APPROVED' } });

      const edited = await gql(UPDATE, { id: review.id, i: { rating: 5, body: 'Changed my mind.' } }, 'customer');
      expect(edited.data!.updateReview).toMatchObject({ status: 'PENDING', rating: 5, title: 'Nice', body: 'Changed my mind.' });
      expect((await productOf(product.id)).rating).toEqual(expectedRating(demo));
      expect(await publicIds()).not.toContain(review.id);
      expect(await replicaRating()).toEqual(expectedRating(demo));

      await gql(MODERATE, { id: review.id, s: 'APPROVED' }, 'admin');
      expect((await productOf(product.id)).rating).toEqual(expectedRating([...demo, 5]));
      await gql(MODERATE, { id: review.id, s: 'REJECTED' }, 'admin');
      expect((await productOf(product.id)).rating).toEqual(expectedRating(demo));
      expect((await gql(REVIEW, { id: review.id }, 'customer')).data).toEqual({ review: { id: review.id, status: 'REJECTED' } });
      await gql(MODERATE, { id: review.id, s: 'APPROVED' }, 'admin');

      const deleted = await gql(DELETE, { id: review.id }, 'customer');
      expect(deleted.data).toEqual({ deleteReview: { id: review.id, product: { rating: { count: demo.length } } } });
      expect((await productOf(product.id)).rating).toEqual(expectedRating(demo));
      expect(await replicaRating()).toEqual(expectedRating(demo));
      expect((await gql(REVIEW, { id: review.id }, 'customer')).data).toEqual({ review: null });

      // Admins delete anyone's review; the customer may then review the product again.
      const another = (await create(product.id, 'other', { rating: 2 })).data!.createReview;
      await gql(MODERATE, { id: another.id, s: 'APPROVED' }, 'admin');
      expect((await productOf(product.id)).rating).toEqual(expectedRating([...demo, 2]));
      expect((await gql(DELETE, { id: another.id }, 'admin')).errors).toBeUndefined();
      expect((await productOf(product.id)).rating).toEqual(expectedRating(demo));
      expect((await create(product.id, 'customer')).errors).toBeUndefined();

      // Each write recorded the rating it committed, in order.
      const events = await sql<
        { payload: { count: number; version: number } }[]
      >`select payload from outbox where topic = 'RatingChanged' and payload->>'productId' = ${product.id} order by id`;
      expect(events.map((event) => event.payload.count)).toEqual([0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0].map((delta) => demo.length + delta));
      const firstVersion = events[0]!.payload.version;
      expect(events.map((event) => event.payload.version)).toEqual(events.map((_, index) => firstVersion + index));
    } finally {
      await replica.stop();
    }
  });

  test('verifiedPurchase: true when the author received the product in a DELIVERED order, from orders in one statement per page', async () => {
    const hasReviewed = (productId: string) => reviewedBy(customer.id).has(productId) || reviewedBy(otherCustomer.id).has(productId);
    const delivered = customerProductsIn('DELIVERED').find((productId) => !hasReviewed(productId) && !deliveredTo.has(`${otherCustomer.id}:${productId}`))!;
    const shippedOnly = customerProductsIn('SHIPPED').find((productId) => !hasReviewed(productId) && !customerProductsIn('DELIVERED').includes(productId))!;
    expect(delivered && shippedOnly).toBeTruthy();
    expect((await create(delivered, 'customer')).data!.createReview).toMatchObject({ verifiedPurchase: true, status: 'PENDING' });
    expect((await create(shippedOnly, 'customer')).data!.createReview).toMatchObject({ verifiedPurchase: false });
    expect((await create(delivered, 'other')).data!.createReview).toMatchObject({ verifiedPurchase: false });

    // Every approved review, 100 a page: orders answers each page's verifiedPurchase in one statement.
    const query = `query ($after: String) {
      reviewsForModeration(status: APPROVED, first: 100, after: $after) { edges { node { verifiedPurchase author { id } product { id } } } pageInfo { hasNextPage endCursor } }
    }`;
    const orders = platform.subgraphs.orders.stats!;
    const nodes: { verifiedPurchase: boolean; author: { id: string }; product: { id: string } }[] = [];
    for (let after: string | null = null; ;) {
      const before = orders.snapshot().statements;
      const page = await gql(query, { after }, 'admin');
      expect(page.errors).toBeUndefined();
      expect(orders.totals.statements - before).toBe(1);
      const connection = page.data!.reviewsForModeration;
      nodes.push(...connection.edges.map((edge: { node: (typeof nodes)[number] }) => edge.node));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(nodes.length).toBeGreaterThan(200);
    for (const node of nodes) expect([node, node.verifiedPurchase]).toEqual([node, deliveredTo.has(`${node.author.id}:${node.product.id}`)]);
    const verifiedDemoReviews = demoReviews.filter((review) => review.status === 'APPROVED' && deliveredTo.has(`${review.authorId}:${review.productId}`));
    expect(verifiedDemoReviews.length).toBeGreaterThan(0);
    expect(nodes.filter((node) => node.verifiedPurchase)).toHaveLength(verifiedDemoReviews.length);
  });
});
