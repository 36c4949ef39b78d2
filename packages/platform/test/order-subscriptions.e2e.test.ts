import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createSharedState, type SharedState } from '@shopgraph/cache';
import { DEMO_PASSWORD, demoOrders, demoUsers } from '@shopgraph/demo-data';
import { DEFAULT_SUPERGRAPH_PATH, startGateway } from '@shopgraph/gateway';
import type { RunningService } from '@shopgraph/server';
import { describeWithRedis, graphqlRequest, startPlatformForTest, TEST_GATEWAY_SECRET, testRedisUrl, type TestPlatform } from '@shopgraph/testing';
import { createLogger } from '@shopgraph/logging';

const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
const customerOrder = demoOrders.find((order) => order.userId === customer.id)!;
const othersOrder = demoOrders.find((order) => order.userId !== customer.id)!;

const ORDER_UPDATES = `subscription ($id: ID!, $after: String) {
  orderStatusChanged(orderId: $id, after: $after) {
    cursor
    previousStatus
    status
    order { id user { name } items { quantity product { name sku stock { available } } } }
  }
}`;

interface Received {
  data?: { orderStatusChanged: { cursor: string; previousStatus: string | null; status: string; order: { id: string; user: { name: string }; items: { product: { name: string } }[] } } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** One subscription's messages as they arrive, and a way to wait for the next ones. */
function follow(client: Client, query: string, variables: Record<string, unknown>) {
  const received: Received[] = [];
  let ended: unknown;
  const stop = client.subscribe<Received['data']>({ query, variables }, {
    next: (message) => void received.push(message as Received),
    error: (error) => void (ended = error),
    complete: () => void (ended = 'complete'),
  });
  const waitFor = async (count: number, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (received.length < count && !ended && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return received;
  };
  return { received, waitFor, stop, ended: () => ended };
}

describeWithRedis('order status subscriptions through the gateway (graphql-ws)', () => {
  let platform: TestPlatform;
  let token: string;
  const clients: Client[] = [];
  const wsUrl = (httpUrl: string) => httpUrl.replace(/^http/, 'ws');
  const connect = (url = platform.gatewayUrl, authorization: string | null = `Bearer ${token}`) => {
    const client = createClient({ url: wsUrl(url), webSocketImpl: WebSocket, connectionParams: authorization ? { authorization } : {}, retryAttempts: 0, lazy: false });
    clients.push(client);
    return client;
  };
  /** What orders writes through its outbox when an order's status changes: here straight onto the shared bus. */
  const statusChanged = (shared: SharedState, orderId: string, userId: string, from: string | null, to: string) =>
    shared.events.publish([{ id: `orders:${randomUUID()}`, topic: 'OrderStatusChanged', source: 'orders', occurredAt: new Date().toISOString(), payload: { orderId, userId, from, to, at: new Date().toISOString() } }]);

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', { e: customer.email, p: DEMO_PASSWORD });
    token = login.data!.login.accessToken;
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await platform?.stop();
  });

  test('each status change arrives with fields from orders, users, products and inventory', async () => {
    const updates = follow(connect(), ORDER_UPDATES, { id: customerOrder.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await statusChanged(platform.shared, customerOrder.id, customer.id, 'PAID', 'SHIPPED');
    const [first] = await updates.waitFor(1);
    expect(first!.errors).toBeUndefined();
    const event = first!.data!.orderStatusChanged;
    expect(event).toMatchObject({ previousStatus: 'PAID', status: 'SHIPPED', order: { id: customerOrder.id, user: { name: customer.name } } });
    expect(event.order.items.map((item) => item.product.name)).toEqual(customerOrder.items.map((item) => item.productName));
    expect(event.cursor).toMatch(/^\d+-\d+$/);
  });

  test("someone else's order is FORBIDDEN and none of its events leak", async () => {
    const spy = follow(connect(), ORDER_UPDATES, { id: othersOrder.id });
    await spy.waitFor(1);
    await statusChanged(platform.shared, othersOrder.id, othersOrder.userId, 'PAID', 'SHIPPED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spy.received).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }]);
    expect(spy.ended()).toBe('complete');
  });

  test('without a token subscriptions are UNAUTHENTICATED; a bad token closes the socket with 4403', async () => {
    const anonymous = follow(connect(platform.gatewayUrl, null), ORDER_UPDATES, { id: customerOrder.id });
    expect(await anonymous.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] }]);
    const forged = follow(connect(platform.gatewayUrl, 'Bearer a.b.c'), ORDER_UPDATES, { id: customerOrder.id });
    const deadline = Date.now() + 5_000;
    while (!forged.ended() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect((forged.ended() as { code?: number }).code).toBe(4403);
  });

  test('resuming with the last cursor gives exactly the missed changes, in order, then live ones', async () => {
    const first = follow(connect(), ORDER_UPDATES, { id: customerOrder.id });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await statusChanged(platform.shared, customerOrder.id, customer.id, 'SHIPPED', 'DELIVERED');
    const [seen] = await first.waitFor(1);
    first.stop();
    const cursor = seen!.data!.orderStatusChanged.cursor;

    // Offline: two changes happen, one of them to another order.
    await statusChanged(platform.shared, customerOrder.id, customer.id, 'DELIVERED', 'REFUNDED');
    await statusChanged(platform.shared, othersOrder.id, othersOrder.userId, 'PAID', 'CANCELLED');
    await statusChanged(platform.shared, customerOrder.id, customer.id, 'REFUNDED', 'CANCELLED');

    const resumed = follow(connect(), ORDER_UPDATES, { id: customerOrder.id, after: cursor });
    await resumed.waitFor(2);
    await statusChanged(platform.shared, customerOrder.id, customer.id, 'CANCELLED', 'PENDING');
    const all = await resumed.waitFor(3);
    expect(all.map((message) => [message.data!.orderStatusChanged.previousStatus, message.data!.orderStatusChanged.status])).toEqual([
      ['DELIVERED', 'REFUNDED'],
      ['REFUNDED', 'CANCELLED'],
      ['CANCELLED', 'PENDING'],
    ]);
  });

  test('a change published through one gateway process reaches subscribers of another sharing Redis', async () => {
    const otherShared = createSharedState(testRedisUrl(), `${platform.databasePrefix}:`);
    const second: RunningService = await startGateway({
      port: 0,
      supergraphPath: DEFAULT_SUPERGRAPH_PATH,
      subgraphUrls: Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])),
      logger: createLogger('second-gateway', 'silent'),
      production: false,
      gatewaySecret: TEST_GATEWAY_SECRET,
      shared: otherShared,
    });
    try {
      const updates = follow(connect(second.url), ORDER_UPDATES, { id: customerOrder.id });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await statusChanged(platform.shared, customerOrder.id, customer.id, 'PENDING', 'PAID');
      const [message] = await updates.waitFor(1);
      expect(message!.data!.orderStatusChanged).toMatchObject({ status: 'PAID', order: { id: customerOrder.id } });
    } finally {
      await second.stop();
      await otherShared.close();
    }
  });
});
