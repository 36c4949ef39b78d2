import { randomUUID } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import { demoCategories } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, signIn, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { collectMessages } from './collect-messages';
import { subscribeMultipart } from './multipart-client';

// Writing a pending review publishes a change too (count 0): the tests wait for the approved one.
// after: "0-0" replays the topic's history first, so a change made right after subscribing cannot be missed.
const RATING =
  'subscription ($id: ID!) { ratingChanged(productId: $id, after: "0-0") { cursor average count at product { id name rating { average count } reviews(first: 1) { edges { node { title } } } } } }';

interface RatingMessage {
  data?: {
    ratingChanged: {
      cursor: string;
      average: number | null;
      count: number;
      at: string;
      product: { id: string; name: string; rating: { average: number | null; count: number }; reviews: { edges: { node: { title: string } }[] } };
    };
  } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describeWithRedis("a product's rating, live, from the reviews subgraph through the gateway", () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  let customer: Record<string, string>;
  const gql = (query: string, variables: Record<string, unknown>, headers = admin) => graphqlRequest(platform.gatewayUrl, query, variables, headers);
  /** A product nobody has reviewed yet. */
  const newProduct = async (name: string): Promise<string> => {
    const leaf = demoCategories.find((category) => category.parentId !== null)!;
    const created = await gql('mutation ($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
      i: { categoryId: leaf.id, price: 1_999, description: '', sku: `T-${randomUUID().slice(0, 8).toUpperCase()}`, name },
    });
    expect(created.errors).toBeUndefined();
    return created.data!.createProduct.id as string;
  };
  /** The customer reviews the product and an admin approves it: the review is published. */
  const publishReview = async (productId: string, rating: number, title: string) => {
    const review = await gql(
      'mutation ($i: CreateReviewInput!) { createReview(input: $i) { id } }',
      { i: { productId, rating, title, body: `${title}, truly.` } },
      customer,
    );
    expect(review.errors).toBeUndefined();
    expect(
      (await gql('mutation ($id: ID!) { moderateReview(id: $id, status: APPROVED) { status } }', { id: review.data!.createReview.id })).errors,
    ).toBeUndefined();
  };

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
    customer = (await signIn(platform.gatewayUrl, 'customer@shopgraph.dev')).headers;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('over graphql-ws, as anyone: a published review shows as the new rating, with the review itself and the product from products', async () => {
    const name = `Rated Lamp ${randomUUID().slice(0, 8)}`;
    const productId = await newProduct(name);
    const client = createClient({ url: platform.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const rating = collectMessages<RatingMessage>();
      client.subscribe({ query: RATING, variables: { id: productId } }, rating.sink);
      const startedAt = Date.now();
      await publishReview(productId, 4, 'Bright enough');
      const answeredAt = Date.now();
      const message = await rating.until((each) => each.data?.ratingChanged.count === 1, 'the approved review');
      expect(rating.received.map((each) => each.errors)).toEqual(rating.received.map(() => undefined));
      // `at` is when the approval committed: during the mutations (PostgreSQL's clock, to the millisecond).
      expect(Date.parse(message!.data!.ratingChanged.at)).toBeGreaterThanOrEqual(startedAt - 5);
      expect(Date.parse(message!.data!.ratingChanged.at)).toBeLessThanOrEqual(answeredAt + 5);

      // A field the viewer may not see (@authenticated, here an author's email) refuses the subscription, as it would a query's field.
      const prying = collectMessages<RatingMessage>();
      client.subscribe(
        {
          query: `subscription ($id: ID!) { ratingChanged(productId: $id) { product { reviews(first: 1) { edges { node { author { email } } } } } } }`,
          variables: { id: productId },
        },
        prying.sink,
      );
      expect(await prying.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] }]);
      expect(message!.data!.ratingChanged).toMatchObject({
        average: 4,
        count: 1,
        // product.rating is read through reviews' entity cache, which may still hold the rating from just before.
        product: { id: productId, name, reviews: { edges: [{ node: { title: 'Bright enough' } }] } },
      });
    } finally {
      await client.dispose();
    }
  });

  test('over Server-Sent Events, the same subscription', async () => {
    const name = `Rated Chair ${randomUUID().slice(0, 8)}`;
    const productId = await newProduct(name);
    const client = createSseClient({ url: platform.gatewayUrl, retryAttempts: 0 });
    const rating = collectMessages<RatingMessage>();
    const stop = client.subscribe({ query: RATING, variables: { id: productId } }, rating.sink);
    try {
      await publishReview(productId, 2, 'Wobbly');
      const message = await rating.until((each) => each.data?.ratingChanged.count === 1, 'the approved review');
      expect(message!.data!.ratingChanged).toMatchObject({ average: 2, count: 1, product: { name, reviews: { edges: [{ node: { title: 'Wobbly' } }] } } });
    } finally {
      stop();
      client.dispose();
    }
  });

  test('over multipart HTTP (what Apollo Client speaks), the same subscription', async () => {
    const name = `Rated Desk ${randomUUID().slice(0, 8)}`;
    const productId = await newProduct(name);
    const rating = collectMessages<RatingMessage>();
    const subscription = subscribeMultipart(platform.gatewayUrl, { query: RATING, variables: { id: productId } }, {}, rating.sink);
    try {
      expect(await subscription.status).toBe(200);
      await publishReview(productId, 5, 'Solid');
      const message = await rating.until((each) => each.data?.ratingChanged.count === 1, 'the approved review');
      expect(message!.data!.ratingChanged).toMatchObject({ average: 5, product: { name, reviews: { edges: [{ node: { title: 'Solid' } }] } } });
    } finally {
      subscription.stop();
    }
  });
});
