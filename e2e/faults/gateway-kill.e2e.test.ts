// The gateway's process killed with SIGKILL while a customer's app follows an order over
// graphql-ws and others check out: the supervisor starts it again by itself, the app (the README's
// Node client) resumes from its last cursor and sees each later status change exactly once, and
// checkouts are PAID again.
import { randomUUID } from 'node:crypto';
import { demoUsers, DEMO_ADMIN_EMAIL } from '@shopgraph/demo-data';
import { graphqlRequest, metricsOf, sample, signedGraphqlRequest, signIn, TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { followOrder, type OrderStatusEvent } from '../../examples/node-client/follow-order';
import { addToCart, checkoutOnce } from './checkout-load';
import { endLoadAndCheckShop, measureRecovery, SHOP_SETTLED, useFaultPlatform, waitUntil } from './fault-platform';

const admin = demoUsers.find((user) => user.email === DEMO_ADMIN_EMAIL)!;

describe('the gateway kill -9ed while a subscriber follows an order (one process per service)', () => {
  const suite = useFaultPlatform('gateway-kill', 5);
  let adminHeaders: Record<string, string>;
  const asAdmin = (query: string, variables: Record<string, unknown>) => graphqlRequest(suite.platform.gatewayUrl, query, variables, adminHeaders);
  beforeAll(async () => {
    adminHeaders = (await signIn(suite.platform.gatewayUrl, DEMO_ADMIN_EMAIL)).headers;
  });

  test('the gateway is started again, the follower resumes with its cursor and sees each change once, and checkouts are PAID again', async () => {
    const { platform, probe, shoppers } = suite;
    // The probe buys something; its app follows that order from then on.
    expect((await addToCart(platform.gatewayUrl, probe)).outcome).toBe('ADDED');
    const bought = await checkoutOnce(platform.gatewayUrl, probe, randomUUID());
    expect(bought.outcome).toBe('PAID');
    const orderId = bought.orderId!;
    const seen: OrderStatusEvent[] = [];
    const follower = followOrder({
      url: platform.gatewayUrl.replace(/^http/, 'ws'),
      accessToken: () => probe.headers.authorization!.replace(/^Bearer /, ''),
      orderId,
      onEvent: (event) => void seen.push(event),
      retryDelayMs: 250,
    });
    const statuses = () => seen.map((event) => event.status);
    try {
      await waitUntil('the subscription is open', async () => sample(await metricsOf(platform.gatewayUrl), 'shopgraph_open_subscriptions') >= 1, 20_000);
      // Open is counted as the operation starts; its live feed registers a moment later.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(
        (await asAdmin('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999") { status } }', { id: orderId })).errors,
      ).toBeUndefined();
      await waitUntil('the follower sees SHIPPED', async () => statuses().includes('SHIPPED'), 20_000);

      const load = suite.startLoad();
      await waitUntil('load warmed up', async () => load.paidCount() >= shoppers.length, 30_000);
      const gateway = platform.services.processes.gateway;
      const restarts = gateway.restarts;
      process.kill(gateway.pid!, 'SIGKILL');
      const killedAt = Date.now();
      // While no gateway runs, back office (signed as the gateway signs) marks the order delivered.
      const delivered = await signedGraphqlRequest(
        platform.services.urls.orders,
        TEST_GATEWAY_SECRET,
        { id: admin.id, roles: ['ADMIN'] },
        'mutation ($id: ID!) { markDelivered(orderId: $id) { status } }',
        { id: orderId },
      );
      expect(delivered.data?.markDelivered).toEqual({ status: 'DELIVERED' });

      const sinceKill = () => Date.now() - killedAt;
      await waitUntil('the gateway started again', async () => gateway.restarts === restarts + 1, 30_000);
      const respawnedMs = sinceKill();
      await waitUntil('the follower resumes and sees DELIVERED', async () => statuses().includes('DELIVERED'), 60_000);
      const followerResumedMs = sinceKill();
      const recoveryFrom = sinceKill();
      const recovery = await measureRecovery(platform, probe);
      suite.measured.gateway = {
        respawnedAfterKillMs: respawnedMs,
        followerResumedAfterKillMs: followerResumedMs,
        firstPaidCheckoutAfterKillMs: recoveryFrom + recovery.firstPaidCheckoutMs,
        allReadyAfterKillMs: recoveryFrom + recovery.allReadyMs,
      };
      expect((await asAdmin('mutation ($id: ID!) { refundOrder(orderId: $id, reason: "late") { status } }', { id: orderId })).errors).toBeUndefined();
      await waitUntil('the follower sees REFUNDED', async () => statuses().includes('REFUNDED'), 20_000);

      // Nothing repeated and nothing lost: a last moment for a duplicate to show up.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(seen.map((event) => [event.previousStatus, event.status])).toEqual([
        ['PAID', 'SHIPPED'],
        ['SHIPPED', 'DELIVERED'],
        ['DELIVERED', 'REFUNDED'],
      ]);
      expect(await endLoadAndCheckShop(platform, load, probe, recovery.unsettledKeys)).toEqual(SHOP_SETTLED);
    } finally {
      await follower.stop();
    }
  }, 200_000);
});
