import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { demoOrders, demoUsers } from '@shopgraph/demo-data';
import { SUBGRAPH_STARTERS } from '@shopgraph/platform';
import { describeWithRedis, graphqlRequest, signIn, TEST_GATEWAY_SECRET, testDatabaseServerUrl, testLogger, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

const paid = demoOrders.find((order) => order.status === 'PAID')!;
const owner = demoUsers.find((user) => user.id === paid.userId)!;
const ORDER_UPDATES = 'subscription ($id: ID!) { orderStatusChanged(orderId: $id, after: "0-0") { cursor previousStatus status order { id user { name } } } }';

interface StatusMessage {
  data?: { orderStatusChanged: { cursor: string; previousStatus: string; status: string; order: { id: string; user: { name: string } } } } | null;
  errors?: unknown[];
}

describeWithRedis('the orders subgraph restarting under an open subscription', () => {
  let platform: TestPlatform;
  let client: Client;
  let admin: Record<string, string>;

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
  });
  afterAll(async () => {
    await client?.dispose();
    await platform?.stop();
  });

  test('the gateway resubscribes from the last cursor it received: nothing missed while orders was down, nothing repeated', async () => {
    const token = (await signIn(platform.gatewayUrl, owner.email)).token;
    client = createClient({
      url: platform.gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    const received: StatusMessage[] = [];
    let ended: unknown;
    client.subscribe(
      { query: ORDER_UPDATES, variables: { id: paid.id } },
      { next: (message) => void received.push(message as StatusMessage), error: (error) => void (ended = error), complete: () => void (ended = 'complete') },
    );
    const statuses = () => received.map((message) => message.data?.orderStatusChanged.status);
    /** Until `count` changes to `status` arrived. */
    const until = async (status: string, what: string, count = 1) => {
      const deadline = Date.now() + 20_000;
      while (statuses().filter((each) => each === status).length < count && ended === undefined) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(received)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const change = (mutation: string) => graphqlRequest(platform.gatewayUrl, `mutation ($id: ID!) { ${mutation} }`, { id: paid.id }, admin);

    // after: "0-0" replays the topic's history first, so the change cannot fall before the subscription opens.
    expect((await change('markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { status }')).errors).toBeUndefined();
    await until('SHIPPED', 'SHIPPED');

    // orders goes away (its graphql-ws server closes the gateway's connection) ...
    const orders = platform.subgraphs.orders;
    await orders.stop();
    // ... and while it is down, another replica's relay publishes a change of the order.
    await platform.shared.events.publish([
      {
        id: `orders:${randomUUID()}`,
        topic: 'OrderStatusChanged',
        source: 'orders',
        occurredAt: new Date().toISOString(),
        payload: { orderId: paid.id, userId: paid.userId, from: 'SHIPPED', to: 'DELIVERED', sequence: 2, at: new Date().toISOString() },
      },
    ]);
    // orders comes back on its port; the gateway reconnects by itself.
    const restarted = await SUBGRAPH_STARTERS.orders({
      port: orders.port,
      databaseUrl: serviceDatabaseUrl('orders', testDatabaseServerUrl(), platform.databasePrefix),
      shared: platform.shared,
      logger: testLogger(),
      seed: false,
      production: false,
      gatewaySecret: TEST_GATEWAY_SECRET,
      peerUrls: () => Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url])),
    });
    // The platform stops the running instance, not the stopped one.
    Object.assign(orders, { stop: restarted.stop });
    await until('DELIVERED', 'the change made while orders was down');
    // And a change made through the restarted orders (in its database: it was still SHIPPED there).
    expect((await change('markDelivered(orderId: $id) { status }')).errors).toBeUndefined();
    await until('DELIVERED', 'the delivery made after the restart', 2);

    expect(ended).toBeUndefined();
    expect(received.map((message) => message.errors)).toEqual(received.map(() => undefined));
    // From the shipment on (before it: whatever history the demo order has).
    const events = received.map((message) => message.data!.orderStatusChanged).slice(statuses().indexOf('SHIPPED'));
    expect(events.map((event) => [event.previousStatus, event.status])).toEqual([
      ['PAID', 'SHIPPED'],
      ['SHIPPED', 'DELIVERED'],
      ['SHIPPED', 'DELIVERED'],
    ]);
    expect(new Set(events.map((event) => event.cursor)).size).toBe(3);
    expect(events.every((event) => event.order.id === paid.id && event.order.user.name === owner.name)).toBe(true);
  }, 60_000);
});
