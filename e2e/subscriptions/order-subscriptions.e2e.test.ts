import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import { followOrder } from '../../examples/node-client/follow-order';
import { createSharedState } from '@shopgraph/cache';
import { ACCESS_TOKEN } from '@shopgraph/auth';
import { demoOrders, demoStock, demoUsers } from '@shopgraph/demo-data';
import { DEFAULT_SUPERGRAPH_PATH, startGateway, type SubscriptionLimits, engineOptionsOf } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import type { RunningService } from '@shopgraph/server';
import { describeWithRedis, graphqlRequest, signIn, signWithCurrentKey, TEST_GATEWAY_SECRET, testRedisUrl, metricsOf, sample } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
const othersPaidOrder = demoOrders.find((order) => order.userId !== customer.id && order.status === 'PAID')!;
const inStock = demoStock.filter((row) => row.onHand >= 20).map((row) => row.productId);

const EVENT = 'cursor previousStatus status order { id status user { name } items { productName quantity product { name stock { available } } } }';
const ORDER_UPDATES = `subscription ($id: ID!, $after: String) { orderStatusChanged(orderId: $id, after: $after) { ${EVENT} } }`;
const MY_UPDATES = `subscription { myOrderUpdates { ${EVENT} } }`;

interface StatusEvent {
  cursor: string;
  previousStatus: string | null;
  status: string;
  order: { id: string; user: { name: string }; items: { productName: string; product: { name: string } }[] };
}
interface Received {
  data?: Record<string, StatusEvent> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One subscription's messages as they arrive. */
function collect() {
  const received: Received[] = [];
  let ended: unknown;
  const sink = {
    next: (message: unknown) => void received.push(message as Received),
    error: (error: unknown) => void (ended = error),
    complete: () => void (ended = 'complete'),
  };
  const waitFor = async (count: number, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count && !ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return received;
  };
  return { received, sink, waitFor, ended: () => ended };
}
const transitions = (messages: Received[], field = 'orderStatusChanged') =>
  messages.map((message) => [message.data?.[field]?.previousStatus, message.data?.[field]?.status]);
/** Gives the server a moment to register a subscription before the change it waits for. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describeWithRedis('order status subscriptions through the gateway', () => {
  let platform: TestPlatform;
  let customerToken: string;
  let admin: Record<string, string>;
  let addressId: string;
  const clients: Client[] = [];
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = admin) =>
    graphqlRequest(platform.gatewayUrl, query, variables, headers);
  const asCustomer = () => ({ authorization: `Bearer ${customerToken}` });
  const connect = (url = platform.gatewayUrl, authorization: string | null = `Bearer ${customerToken}`) => {
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => {},
    });
    clients.push(client);
    return client;
  };
  const subscribe = (client: Client, query: string, variables: Record<string, unknown> = {}) => {
    const messages = collect();
    const stop = client.subscribe({ query, variables }, messages.sink);
    return { ...messages, stop };
  };
  /** A second gateway process's worth: its own Redis connections, the same subgraphs. */
  const anotherGateway = async (subscriptionLimits: Partial<SubscriptionLimits> = {}): Promise<RunningService> => {
    const shared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:`);
    const gateway = await startGateway({
      port: 0,
      ...engineOptionsOf(process.env),
      supergraphPath: DEFAULT_SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])),
      logger: createLogger('another-gateway', 'silent'),
      production: false,
      gatewaySecret: TEST_GATEWAY_SECRET,
      shared,
      subscriptionLimits,
    });
    return { ...gateway, stop: async () => (await gateway.stop(), await shared.close()) };
  };
  /** The customer buys one unit of a product in stock and pays with a card that succeeds. */
  const placeOrder = async (): Promise<string> => {
    expect((await gql('mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: inStock[0] }, asCustomer())).errors).toBeUndefined();
    const placed = await gql(
      'mutation ($a: ID!, $k: String!) { checkout(input: { addressId: $a, cardNumber: "4242 4242 4242 4242" }, idempotencyKey: $k) { __typename ... on OrderPlaced { order { id status } } } }',
      { a: addressId, k: randomUUID() },
      asCustomer(),
    );
    expect(placed.data?.checkout).toMatchObject({ __typename: 'OrderPlaced', order: { status: 'PAID' } });
    return placed.data!.checkout.order.id;
  };
  const ship = (orderId: string, headers = admin, url = platform.gatewayUrl) =>
    graphqlRequest(url, 'mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { status } }', { id: orderId }, headers);

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    customerToken = (await signIn(platform.gatewayUrl, customer.email)).token;
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
    const address = await gql(
      'mutation ($i: AddressInput!) { addAddress(input: $i) { id } }',
      { i: { recipient: customer.name, line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } },
      asCustomer(),
    );
    addressId = address.data!.addAddress.id;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await platform?.stop();
  });

  test('placing and paying an order streams PENDING then PAID, with fields from orders, users, products and inventory', async () => {
    const mine = subscribe(connect(), MY_UPDATES);
    await settle();
    const orderId = await placeOrder();
    const messages = await mine.waitFor(2);
    expect(messages.map((message) => message.errors)).toEqual([undefined, undefined]);
    const metrics = await (await fetch(platform.gatewayUrl.replace(/graphql$/, 'metrics'))).text();
    expect(Number(/^shopgraph_open_subscriptions\{service="gateway"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(transitions(messages, 'myOrderUpdates')).toEqual([
      [null, 'PENDING'],
      ['PENDING', 'PAID'],
    ]);
    const event = messages[1]!.data!.myOrderUpdates!;
    expect(event.order).toMatchObject({ id: orderId, user: { name: customer.name } });
    expect(event.order.items.map((item) => item.product.name)).toEqual(event.order.items.map((item) => item.productName));
    expect(event.cursor).toMatch(/^\d+-\d+$/);
  });

  test("someone else's order is FORBIDDEN and none of its events leak", async () => {
    const spy = subscribe(connect(), ORDER_UPDATES, { id: othersPaidOrder.id });
    await spy.waitFor(1);
    const everything = subscribe(connect(), MY_UPDATES);
    await settle();
    expect((await ship(othersPaidOrder.id)).errors).toBeUndefined();
    await settle();
    expect(spy.received).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }]);
    expect(everything.received).toEqual([]);
    const notAdmin = subscribe(connect(), 'subscription { orderEvents { status } }');
    expect(await notAdmin.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }]);
  });

  test('no token: UNAUTHENTICATED; a forged token: the socket closes with 4403; an expiring one closes it when it expires', async () => {
    const anonymous = subscribe(connect(platform.gatewayUrl, null), ORDER_UPDATES, { id: othersPaidOrder.id });
    expect(await anonymous.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] }]);

    const closedWith = async (subscription: ReturnType<typeof subscribe>, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!subscription.ended() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return (subscription.ended() as { code?: number } | undefined)?.code;
    };
    expect(await closedWith(subscribe(connect(platform.gatewayUrl, 'Bearer a.b.c'), MY_UPDATES), 5_000)).toBe(4403);

    const shortLived = await signWithCurrentKey(
      platform.databasePrefix,
      (jwt) =>
        jwt
          .setSubject(customer.id)
          .setIssuer(ACCESS_TOKEN.issuer)
          .setAudience(ACCESS_TOKEN.audience)
          .setIssuedAt()
          .setExpirationTime(Math.floor(Date.now() / 1000) + 2),
      { roles: ['CUSTOMER'] },
    );
    const expiring = subscribe(connect(platform.gatewayUrl, `Bearer ${shortLived}`), MY_UPDATES);
    await settle();
    expect(expiring.ended()).toBeUndefined();
    expect(await closedWith(expiring, 6_000)).toBe(4403);
  });

  test('resuming with the last cursor gives exactly the changes missed while offline, in order', async () => {
    const orderId = await placeOrder();
    const online = subscribe(connect(), ORDER_UPDATES, { id: orderId });
    await settle();
    expect((await ship(orderId)).errors).toBeUndefined();
    const [shipped] = await online.waitFor(1);
    online.stop();
    expect(transitions([shipped!])).toEqual([['PAID', 'SHIPPED']]);

    // Offline: two changes.
    expect((await gql('mutation ($id: ID!) { markDelivered(orderId: $id) { status } }', { id: orderId })).errors).toBeUndefined();
    expect((await gql('mutation ($id: ID!) { refundOrder(orderId: $id, reason: "damaged") { status } }', { id: orderId })).errors).toBeUndefined();

    const resumed = subscribe(connect(), ORDER_UPDATES, { id: orderId, after: shipped!.data!.orderStatusChanged!.cursor });
    await resumed.waitFor(3, 1_500);
    expect(transitions(resumed.received)).toEqual([
      ['SHIPPED', 'DELIVERED'],
      ['DELIVERED', 'REFUNDED'],
    ]);
    const malformed = subscribe(connect(), ORDER_UPDATES, { id: orderId, after: 'yesterday' });
    expect(await malformed.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })] }]);
  });

  test("the README's Node client resumes after its connection is cut, missing nothing and repeating nothing", async () => {
    const orderId = await placeOrder();
    const seen: string[] = [];
    const follower = followOrder({
      url: platform.gatewayUrl.replace(/^http/, 'ws'),
      accessToken: () => customerToken,
      orderId,
      onEvent: (event) => void seen.push(event.status),
      retryDelayMs: 1_000,
    });
    const until = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while (seen.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    try {
      await settle();
      expect((await ship(orderId)).errors).toBeUndefined();
      await until(1);
      follower.client().terminate(); // the phone loses its network
      expect((await gql('mutation ($id: ID!) { markDelivered(orderId: $id) { status } }', { id: orderId })).errors).toBeUndefined();
      await until(2);
      await settle();
      expect((await gql('mutation ($id: ID!) { refundOrder(orderId: $id, reason: "late") { status } }', { id: orderId })).errors).toBeUndefined();
      await until(3);
      await settle();
      expect(seen).toEqual(['SHIPPED', 'DELIVERED', 'REFUNDED']);
    } finally {
      await follower.stop();
    }
  });

  test('thirty subscribers asking the same thing cost the subgraphs what one does', async () => {
    // The orders subgraph's own count of the orderEvents events it sent upstream (its /metrics, by
    // field): one per event per upstream subscription, so sharing shows as an unchanged count.
    const eventQueries = async () =>
      sample(await metricsOf(platform.subgraphs.orders.url), 'shopgraph_subscription_events_total', { service: 'orders', field: 'orderEvents' });
    const everyOrder = 'subscription { orderEvents { status order { id status items { quantity } } } }';
    const adminClient = connect(platform.gatewayUrl, admin.authorization!);
    const one = subscribe(adminClient, everyOrder);
    await settle();
    let before = await eventQueries();
    expect((await ship(await placeOrder())).errors).toBeUndefined();
    await one.waitFor(3); // PENDING, PAID, SHIPPED
    // Subscribers left open by earlier tests run their own event queries too: the same in both counts.
    const perEventAlone = ((await eventQueries()) - before) / 3;
    expect(perEventAlone).toBeGreaterThan(0);

    // Two connections: one connection may hold 20 subscriptions.
    const secondClient = connect(platform.gatewayUrl, admin.authorization!);
    const many = Array.from({ length: 29 }, (_, n) => subscribe(n < 15 ? adminClient : secondClient, everyOrder));
    await settle();
    before = await eventQueries();
    expect((await ship(await placeOrder())).errors).toBeUndefined();
    await Promise.all([one.waitFor(6), ...many.map((subscription) => subscription.waitFor(3))]);
    expect(transitions(one.received.slice(3), 'orderEvents')).toEqual(transitions(many[0]!.received, 'orderEvents'));
    expect(many.map((subscription) => JSON.stringify(subscription.received.map((message) => message.errors ?? message.data!.orderEvents!.status)))).toEqual(
      many.map(() => JSON.stringify(['PENDING', 'PAID', 'SHIPPED'])),
    );
    expect(((await eventQueries()) - before) / 3).toBe(perEventAlone);
  });

  test('a change made through one gateway process reaches subscribers of another sharing Redis', async () => {
    const second = await anotherGateway();
    try {
      const orderId = await placeOrder();
      const updates = subscribe(connect(second.url), ORDER_UPDATES, { id: orderId });
      await settle();
      expect((await ship(orderId)).errors).toBeUndefined();
      const [message] = await updates.waitFor(1);
      expect(message!.data!.orderStatusChanged).toMatchObject({ previousStatus: 'PAID', status: 'SHIPPED', order: { id: orderId, status: 'SHIPPED' } });
      updates.stop();
    } finally {
      await second.stop();
    }
  });

  test("a client that stops reading is disconnected with 4008 instead of growing the gateway's memory", async () => {
    const strict = await anotherGateway({ maxQueuedEvents: 20 });
    const socket = new WebSocket(strict.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    try {
      const acked = new Promise((resolve) => socket.on('message', (data) => JSON.parse(String(data)).type === 'connection_ack' && resolve(true)));
      await new Promise((resolve) => socket.once('open', resolve));
      socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: admin.authorization } }));
      await acked;
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { orderEvents { cursor status } }' } }));
      await settle();
      // The phone stops reading; orders keep changing (straight onto the shared bus, many at once).
      (socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      const change = (n: number) => ({
        id: `orders:${randomUUID()}`,
        topic: 'OrderStatusChanged',
        source: 'orders',
        occurredAt: new Date().toISOString(),
        payload: { orderId: randomUUID(), userId: customer.id, from: 'PAID', to: 'SHIPPED', sequence: n, at: new Date().toISOString() },
      });
      for (let batch = 0; batch < 60; batch += 1) await platform.shared.events.publish(Array.from({ length: 1_000 }, (_, n) => change(batch * 1_000 + n + 1)));
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      (socket as unknown as { _socket: { resume(): void } })._socket.resume();
      expect(await closed).toBe(4008);
    } finally {
      socket.terminate();
      await strict.stop();
    }
  });

  test('the same subscription over Server-Sent Events', async () => {
    const orderId = await placeOrder();
    const client = createSseClient({ url: platform.gatewayUrl, headers: asCustomer(), retryAttempts: 0 });
    const updates = collect();
    const stop = client.subscribe({ query: ORDER_UPDATES, variables: { id: orderId } }, updates.sink);
    try {
      await settle();
      expect((await ship(orderId)).errors).toBeUndefined();
      const [message] = await updates.waitFor(1);
      expect(message!.data!.orderStatusChanged).toMatchObject({
        previousStatus: 'PAID',
        status: 'SHIPPED',
        order: { id: orderId, user: { name: customer.name } },
      });
    } finally {
      stop();
      client.dispose();
    }
  });
});
