import { createClient, type Client, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';
import type { Viewer } from '@shopgraph/auth';
import { demoOrders, demoUsers } from '@shopgraph/demo-data';
import { signSubscription } from '@shopgraph/subscriptions';
import { describeWithRedis, startServiceForTest, TEST_GATEWAY_SECRET, testRedisUrl, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

const asAdmin: Viewer = { id: demoUsers.find((user) => user.role === 'ADMIN')!.id, roles: ['ADMIN'] };
const paidOrders = demoOrders.filter((order) => order.status === 'PAID');
const asCustomerOf = (order: { userId: string }): Viewer => ({ id: order.userId, roles: ['CUSTOMER'] });
const ORDER_UPDATES =
  'subscription ($id: ID!, $after: String) { orderStatusChanged(orderId: $id, after: $after) { cursor previousStatus status order { id status } } }';

interface Message {
  data?: { orderStatusChanged?: { cursor: string; previousStatus: string | null; status: string; order: { id: string; status: string } } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { cursor?: string };
}

/** One subscription's messages (and how it ended) as they arrive; waits on them, never on time. */
function subscribe(client: Client, payload: SubscribePayload) {
  const received: Message[] = [];
  let ended: unknown;
  let wake = () => {};
  const stop = client.subscribe(payload, {
    next: (message) => (received.push(message as Message), wake()),
    error: (error) => ((ended = error), wake()),
    complete: () => ((ended = 'complete'), wake()),
  });
  /** Until `count` messages arrived, or one with that status (`after: "0-0"` replays what came before). */
  const waitFor = async (count: number, status?: string) => {
    const deadline = Date.now() + 10_000;
    const done = () => (status ? received.some((message) => message.data?.orderStatusChanged?.status === status) : received.length >= count);
    while (!done() && ended === undefined) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} messages, got ${JSON.stringify(received)}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 200);
      });
    }
    return received;
  };
  return { received, waitFor, stop, ended: () => ended };
}

/** The payload the gateway sends: the operation, with the viewer signed in its extensions. */
const signed = (viewer: Viewer, query: string, variables: Record<string, unknown>, resumeAfter?: string, secret = TEST_GATEWAY_SECRET): SubscribePayload => {
  const payload = { query, variables };
  return { ...payload, extensions: { ...signSubscription(secret, viewer, payload, resumeAfter) } };
};

describeWithRedis('orders serves its subscriptions over graphql-ws, for the gateway only (real Postgres and Redis)', () => {
  let service: TestService;
  let client: Client;
  const changeStatus = async (mutation: 'markShipped' | 'markDelivered', orderId: string) => {
    const args = mutation === 'markShipped' ? ', carrier: "UPS", trackingNumber: "1Z999"' : '';
    const result = await service.request(`mutation ($id: ID!) { ${mutation}(orderId: $id${args}) { status } }`, { id: orderId }, asAdmin);
    expect(result.errors).toBeUndefined();
  };
  beforeAll(async () => {
    service = await startServiceForTest('orders', startService, { redisUrl: testRedisUrl() });
    client = createClient({ url: service.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  afterAll(async () => {
    await client?.dispose();
    await service?.stop();
  });

  test('an unsigned or badly signed subscription is refused with UNAUTHENTICATED', async () => {
    const order = paidOrders[0]!;
    const unsigned = subscribe(client, { query: ORDER_UPDATES, variables: { id: order.id } });
    const forged = subscribe(client, signed(asAdmin, ORDER_UPDATES, { id: order.id }, undefined, 'not-the-gateway-secret-0123456789abcdef'));
    const tampered = signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id });
    const retargeted = subscribe(client, { ...tampered, variables: { id: paidOrders[1]!.id } });
    for (const refused of [unsigned, forged, retargeted]) {
      await refused.waitFor(1);
      expect(refused.ended()).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })]);
      expect(refused.received).toEqual([]);
    }
  });

  test("the customer's own order streams its changes with each cursor in extensions; someone else's is FORBIDDEN", async () => {
    const order = paidOrders[0]!;
    const mine = subscribe(client, signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id, after: '0-0' }));
    const stranger: Viewer = { id: demoUsers.find((user) => user.role === 'CUSTOMER' && user.id !== order.userId)!.id, roles: ['CUSTOMER'] };
    const spy = subscribe(client, signed(stranger, ORDER_UPDATES, { id: order.id }));
    expect(await spy.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })] }]);
    const anonymous = subscribe(client, signed({ id: null, roles: [] }, ORDER_UPDATES, { id: order.id }));
    expect(await anonymous.waitFor(1)).toEqual([{ errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] }]);

    // after: "0-0" replays from the start of the topic's history, so the change cannot fall before the subscription.
    await changeStatus('markShipped', order.id);
    const shipped = (await mine.waitFor(1, 'SHIPPED')).find((message) => message.data?.orderStatusChanged?.status === 'SHIPPED');
    expect(shipped!.data!.orderStatusChanged).toMatchObject({ previousStatus: 'PAID', status: 'SHIPPED', order: { id: order.id, status: 'SHIPPED' } });
    expect(shipped!.extensions!.cursor).toBe(shipped!.data!.orderStatusChanged!.cursor);
    expect(shipped!.extensions!.cursor).toMatch(/^\d+-\d+$/);
    mine.stop();
  });

  test('resumeAfter in the extensions replays from that cursor, winning over `after`: no gap, no duplicate', async () => {
    const order = paidOrders[1]!;
    const first = subscribe(client, signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id, after: '0-0' }));
    await changeStatus('markShipped', order.id);
    const shipped = (await first.waitFor(1, 'SHIPPED')).find((message) => message.data?.orderStatusChanged?.status === 'SHIPPED');
    first.stop();
    // Offline: one change. The gateway resubscribes with the same operation (after: "0-0") and its last cursor.
    await changeStatus('markDelivered', order.id);
    const resumed = subscribe(client, signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id, after: '0-0' }, shipped!.extensions!.cursor));
    const [delivered] = await resumed.waitFor(1);
    expect(delivered!.data!.orderStatusChanged).toMatchObject({ previousStatus: 'SHIPPED', status: 'DELIVERED', order: { status: 'DELIVERED' } });
    expect(resumed.received).toHaveLength(1);
    resumed.stop();
  });

  test('a subscription without a cursor first sends where it starts, so a drop before its first event resumes without a gap', async () => {
    const order = paidOrders[2]!;
    const live = subscribe(client, signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id }));
    const [position] = await live.waitFor(1);
    expect(position).toEqual({ extensions: { cursor: expect.stringMatching(/^\d+-\d+$/) } });
    live.stop();
    // The gateway's connection dropped here; meanwhile the order ships.
    await changeStatus('markShipped', order.id);
    const resumed = subscribe(client, signed(asCustomerOf(order), ORDER_UPDATES, { id: order.id }, position!.extensions!.cursor));
    const [shipped] = await resumed.waitFor(1);
    expect(shipped!.data!.orderStatusChanged).toMatchObject({ previousStatus: 'PAID', status: 'SHIPPED' });
    resumed.stop();
  });
});
