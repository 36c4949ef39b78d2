import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { DEMO_PASSWORD, demoProducts, demoStock } from '@shopgraph/demo-data';
import { startService as startInventory } from '@shopgraph/inventory';
import type { RunningService } from '@shopgraph/server';
import { createLogger } from '@shopgraph/logging';
import {
  checkShopInvariants,
  eventually,
  graphqlRequest,
  metricsOf,
  sample,
  setEnvironment,
  TEST_GATEWAY_SECRET,
  testDatabaseServerUrl,
  testRedisUrl,
} from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

// Issue #15, "Checkout always ends": a checkout interrupted mid-payment must still end, PAID or
// PAYMENT_FAILED, without a client retry. The orders service runs with a short lease and a
// reconciler pass every quarter second, set through its environment as an operator would.
const SETTINGS = { ORDERS_PAYMENT_LEASE_SECONDS: '2', ORDERS_RECONCILE_INTERVAL_MS: '250' };
/** The simulated provider's slow card: authorizes after 1.5 s, time enough to take inventory down meanwhile. */
const SLOW_CARD = '4000000000001091';
const CHECKOUT = `mutation ($a: ID!, $c: String!, $k: String!) {
  checkout(input: { addressId: $a, cardNumber: $c }, idempotencyKey: $k) { __typename ... on OrderPlaced { order { id status } } ... on PaymentFailed { reason order { id status } } }
}`;
const ORDER = `query ($id: ID!) { order(id: $id) { id status paid { amount } history { from to reason } payments { operation outcome } } }`;
const PENDING = `{ orders(first: 5, status: [PENDING]) { edges { node { id } } } }`;
const STOCK = 'query ($id: ID!) { product(id: $id) { stock { onHand reserved } } }';
const ADDRESS = { recipient: 'Casey Customer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const product = demoProducts.find((candidate) => demoStock.some((row) => row.productId === candidate.id && row.onHand >= 20))!;

let platform: TestPlatform;
/** The inventory a test started in place of the platform's; the later tests use it, afterAll stops it. */
let restarted: RunningService | undefined;
let shopper: { headers: Record<string, string>; addressId: string };
let restoreEnvironment: (() => void) | undefined;
/** The orders database, for what a shopper cannot see: the moment a payment is under way, a failure to inject. */
let ordersDb: postgres.Sql;
const gql = (query: string, variables: Record<string, unknown> = {}) => graphqlRequest(platform.gatewayUrl, query, variables, shopper.headers);
const stockOf = async () => (await gql(STOCK, { id: product.id })).data!.product.stock as { onHand: number; reserved: number };
const invariants = () => checkShopInvariants({ databaseServerUrl: testDatabaseServerUrl(), databasePrefix: platform.databasePrefix });
const succeededOperations = (order: { payments: { operation: string; outcome: string }[] }) =>
  order.payments.filter((payment) => payment.outcome === 'SUCCEEDED').map((payment) => payment.operation);

/** Until the order leaves PENDING; its state as the shopper's order query shows it. */
async function endOf(orderId: string) {
  return eventually('the order to end', async () => {
    const current = (await gql(ORDER, { id: orderId })).data?.order;
    return current && current.status !== 'PENDING' ? current : undefined;
  });
}

/** Inventory again on the port it had, over its databases: the gateway and orders find it where it was. */
function restartInventory(port: number): Promise<RunningService> {
  return startInventory({
    port,
    databaseUrl: serviceDatabaseUrl('inventory', testDatabaseServerUrl(), platform.databasePrefix, {}),
    shared: platform.shared,
    logger: createLogger('test', process.env.LOG_LEVEL ?? 'silent'),
    seed: false,
    production: false,
    gatewaySecret: TEST_GATEWAY_SECRET,
  });
}

beforeAll(async () => {
  restoreEnvironment = setEnvironment(SETTINGS);
  platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
  ordersDb = postgres(serviceDatabaseUrl('orders', testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
  const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: 'customer@shopgraph.dev',
    p: DEMO_PASSWORD,
  });
  const headers = { authorization: `Bearer ${login.data!.login.accessToken}` };
  const added = await graphqlRequest(platform.gatewayUrl, 'mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, headers);
  shopper = { headers, addressId: added.data!.addAddress.id };
});
afterAll(async () => {
  restoreEnvironment?.();
  await ordersDb?.end();
  await restarted?.stop();
  await platform?.stop();
});

test('inventory going down between authorize and confirm: the checkout still ends PAYMENT_FAILED, voided, its stock back, once inventory returns', async () => {
  const stockBefore = await stockOf();
  await gql('mutation ($p: ID!) { addToCart(productId: $p, quantity: 2) { itemCount } }', { p: product.id });

  const answer = gql(CHECKOUT, { a: shopper.addressId, c: SLOW_CARD, k: randomUUID() });
  // The order exists and its card is being authorized: now inventory goes away.
  // Read from the orders database, not the gateway: fast enough to be well inside the 1.5 s.
  const orderId = await eventually(
    'the order being paid',
    async () => (await ordersDb<{ id: string }[]>`select id::text from orders where status = 'PENDING' and payment_lease_until > now()`)[0]?.id,
  );
  const inventory = platform.subgraphs.inventory;
  await inventory.stop();
  const answered = await answer;
  // The shopper was told something went wrong, with no internals.
  expect(answered.errors?.[0]?.message ?? answered.data?.checkout?.__typename).not.toMatch(/ECONNREFUSED|fetch failed|unreachable/);

  restarted = await restartInventory(inventory.port);
  const order = await endOf(orderId);
  expect(order.status).toBe('PAYMENT_FAILED');
  expect(order.paid).toEqual({ amount: 0 });
  expect(succeededOperations(order)).toEqual(['AUTHORIZE', 'VOID']);
  expect(order.history.filter((change: { from: string | null }) => change.from === 'PENDING')).toHaveLength(1);
  expect(await stockOf()).toEqual(stockBefore);
  // The cart is kept for another try, as after any failed payment.
  expect((await gql('{ cart { itemCount } }')).data!.cart.itemCount).toBe(2);
  expect(sample(await metricsOf(platform.subgraphs.orders.url), 'shopgraph_orders_reconciled_total', { outcome: 'payment_failed' })).toBeGreaterThanOrEqual(1);
  expect(await invariants()).toEqual([]);
});

test('the order database failing the PAID write after the capture (charged but PENDING): the order still ends PAID, charged once, its stock taken once', async () => {
  const stockBefore = await stockOf();
  await gql('mutation { clearCart { itemCount } }');
  await gql('mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: product.id });
  // A real failure of the orders database on that one statement, as during a restart: every
  // write that makes an order PAID fails until the trigger is dropped ("Postgres is back").
  const orders = ordersDb;
  try {
    await orders`create function test_outage() returns trigger language plpgsql as $$ begin raise exception 'the database is restarting'; end $$`;
    await orders`create trigger test_outage before update on orders for each row when (new.status = 'PAID') execute function test_outage()`;
    const answered = await gql(CHECKOUT, { a: shopper.addressId, c: '4242424242424242', k: randomUUID() });
    expect(answered.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(answered.errors?.[0]?.message).not.toMatch(/restarting/);
    // What the shopper sees meanwhile: an order, PENDING.
    const stuckId = (await gql(PENDING)).data!.orders.edges[0]?.node.id as string;
    expect(stuckId).toBeDefined();
    await orders`drop trigger test_outage on orders`;

    const order = await endOf(stuckId);
    expect(order.status).toBe('PAID');
    expect(order.paid.amount).toBe(product.priceCents);
    expect(succeededOperations(order)).toEqual(['AUTHORIZE', 'CAPTURE']);
    expect(order.history.filter((change: { from: string | null }) => change.from === 'PENDING')).toEqual([expect.objectContaining({ to: 'PAID' })]);
    expect(await stockOf()).toEqual({ onHand: stockBefore.onHand - 1, reserved: stockBefore.reserved });
    // Bought: the cart is empty, as after any paid checkout.
    expect((await gql('{ cart { itemCount } }')).data!.cart.itemCount).toBe(0);
    expect(sample(await metricsOf(platform.subgraphs.orders.url), 'shopgraph_orders_reconciled_total', { outcome: 'paid' })).toBeGreaterThanOrEqual(1);
    expect(await invariants()).toEqual([]);
  } finally {
    await orders`drop trigger if exists test_outage on orders`;
  }
});
