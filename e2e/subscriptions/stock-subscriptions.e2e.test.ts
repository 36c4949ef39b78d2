import { createClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import { demoProducts, demoStock } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, signIn, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { collectMessages } from './collect-messages';
import { subscribeMultipart } from './multipart-client';

const [first, second] = demoStock.filter((row) => row.onHand >= 20);
const nameOf = (productId: string) => demoProducts.find((product) => product.id === productId)!.name;
// after: "0-0" replays the topic's history first, so a change made right after subscribing cannot be missed.
const STOCK = 'subscription ($id: ID!) { stockChanged(productId: $id, after: "0-0") { cursor available at product { id name stock { available } } } }';

interface StockMessage {
  data?: { stockChanged: { cursor: string; available: number; at: string; product: { id: string; name: string; stock: { available: number } } } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describeWithRedis("a product's stock, live, from the inventory subgraph through the gateway", () => {
  let platform: TestPlatform;
  let admin: Record<string, string>;
  const adjust = async (productId: string, delta: number) => {
    const result = await graphqlRequest(
      platform.gatewayUrl,
      'mutation ($id: ID!, $delta: Int!) { adjustStock(productId: $id, delta: $delta, reason: "cycle count") { delta } }',
      { id: productId, delta },
      admin,
    );
    expect(result.errors).toBeUndefined();
  };
  const stockOf = async (productId: string) =>
    (await graphqlRequest(platform.gatewayUrl, 'query ($id: ID!) { product(id: $id) { stock { available } } }', { id: productId })).data!.product.stock
      .available as number;

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('over graphql-ws, as anyone: each change of that product only, with fields from inventory and products', async () => {
    const client = createClient({ url: platform.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const stock = collectMessages<StockMessage>();
      client.subscribe({ query: STOCK, variables: { id: first!.productId } }, stock.sink);
      const before = await stockOf(first!.productId);
      const startedAt = Date.now();
      await adjust(second!.productId, 3); // another product's change is not this subscription's
      await adjust(first!.productId, -2);
      await adjust(first!.productId, 5);
      const answeredAt = Date.now();
      const messages = await stock.waitFor(2);
      expect(messages.map((message) => message.errors)).toEqual([undefined, undefined]);
      const events = messages.map((message) => message.data!.stockChanged);
      expect(events.map((event) => event.available)).toEqual([before - 2, before + 3]);
      expect(events.map((event) => event.product.name)).toEqual([nameOf(first!.productId), nameOf(first!.productId)]);
      // product.stock is read through inventory's entity cache, which may still hold the level from just before.
      expect(typeof events[1]!.product.stock.available).toBe('number');
      expect(new Set(events.map((event) => event.cursor)).size).toBe(2);
      // `at` is when each change committed: during the mutations, in order (PostgreSQL's clock, to the millisecond).
      const committedAt = events.map((event) => Date.parse(event.at));
      expect(committedAt[0]).toBeGreaterThanOrEqual(startedAt - 5);
      expect(committedAt[1]).toBeGreaterThanOrEqual(committedAt[0]!);
      expect(committedAt[1]).toBeLessThanOrEqual(answeredAt + 5);

      const malformed = collectMessages<StockMessage>();
      client.subscribe({ query: STOCK, variables: { id: 'not-a-product' } }, malformed.sink);
      expect(await malformed.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })] }]);
    } finally {
      await client.dispose();
    }
  });

  test('over Server-Sent Events, the same subscription', async () => {
    const client = createSseClient({ url: platform.gatewayUrl, retryAttempts: 0 });
    const stock = collectMessages<StockMessage>();
    const stop = client.subscribe({ query: STOCK, variables: { id: second!.productId } }, stock.sink);
    try {
      const before = await stockOf(second!.productId);
      await adjust(second!.productId, -1);
      // The history holds the first test's change of this product too: wait for the one made here.
      const change = await stock.until((message) => message.data?.stockChanged.available === before - 1, 'the change');
      expect(change!.data!.stockChanged).toMatchObject({ product: { id: second!.productId, name: nameOf(second!.productId) } });
    } finally {
      stop();
      client.dispose();
    }
  });

  test('over multipart HTTP (what Apollo Client speaks), the same subscription', async () => {
    const stock = collectMessages<StockMessage>();
    const subscription = subscribeMultipart(platform.gatewayUrl, { query: STOCK, variables: { id: first!.productId } }, {}, stock.sink);
    try {
      expect(await subscription.status).toBe(200);
      const before = await stockOf(first!.productId);
      await adjust(first!.productId, 4);
      const change = await stock.until((message) => message.data?.stockChanged.available === before + 4, 'the change');
      expect(change!.data!.stockChanged).toMatchObject({ product: { id: first!.productId, name: nameOf(first!.productId) } });
    } finally {
      subscription.stop();
    }
  });
});
