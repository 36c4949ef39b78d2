import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { openServiceDatabase } from '@shopgraph/db';
import { DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD, demoStock, demoUsers } from '@shopgraph/demo-data';
import { createLogger } from '@shopgraph/logging';
import { checkShopInvariants, eventually, graphqlRequest, setEnvironment, TEST_GATEWAY_SECRET, testDatabaseServerUrl, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { paymentKey } from '@shopgraph/orders/src/checkout/pay-order';
import type { Commerce } from '@shopgraph/orders/src/commerce';
import { schema, type OrdersDatabase } from '@shopgraph/orders/src/db/database';
import { insertStatusChange } from '@shopgraph/orders/src/db/queries/order-history';
import { claimPaymentLease, findStuckPendingOrders, insertPendingOrder } from '@shopgraph/orders/src/db/queries/order-writes';
import { TEST_CARDS } from '@shopgraph/orders/src/payments/simulated-provider';
import { confirmOrderStock, reserveOrderStock } from '@shopgraph/orders/src/peers/inventory';
import { reconcileOrder } from '@shopgraph/orders/src/reconcile/reconcile-order';
import { reconcileStuckOrders } from '@shopgraph/orders/src/reconcile/reconciler';
import { createCommerce } from '@shopgraph/orders/src/server';

// Orders stuck the way issue #15 found them: the checkout's own steps, run by the code that runs
// them, stopped after one of them as a request that died there would be. Two "replicas" (each its
// own pool and Commerce, over the platform's databases) then reconcile at once.
const LEASE_SECONDS = 1;
const customer = demoUsers.find((user) => user.email === DEMO_CUSTOMER_EMAIL)!;
const product = demoStock.find((row) => row.onHand >= 20)!.productId;
const logger = createLogger('test', 'silent');
const ORDER = `query ($id: ID!) { order(id: $id) { status paid { amount } history { from to reason } payments { operation outcome } } }`;
const STOCK = 'query ($id: ID!) { product(id: $id) { stock { onHand reserved } } }';

let platform: TestPlatform;
let replicas: { database: OrdersDatabase; commerce: Commerce }[];
let admin: Record<string, string>;
let restoreEnvironment: (() => void) | undefined;

type Step = 'inserted' | 'authorized' | 'authorized-unrecorded' | 'confirmed' | 'captured';

/** Runs checkout's steps for a new order of one unit up to `step`, then stops, as a request dying there would. */
async function stuckAfter(commerce: Commerce, step: Step): Promise<string> {
  const orderId = randomUUID();
  expect(await reserveOrderStock(commerce.peers, orderId, [{ productId: product, quantity: 1 }])).toEqual([]);
  await commerce.db.transaction(async (tx) => {
    const order = await insertPendingOrder(
      tx,
      {
        id: orderId,
        userId: customer.id,
        totalCents: 1_000,
        currency: 'USD',
        idempotencyKey: randomUUID(),
        checkoutHash: 'test',
        shippingAddress: null,
        contactEmail: null,
      },
      [{ productId: product, productName: 'test', unitPriceCents: 1_000, quantity: 1 }],
    );
    await insertStatusChange(tx, { orderId, sequence: 0, fromStatus: null, toStatus: 'PENDING', actor: 'system', reason: 'checkout', at: order!.createdAt });
  });
  if (step === 'inserted') return orderId;
  expect(await claimPaymentLease(commerce.db, orderId, LEASE_SECONDS)).toBeDefined();
  const authorize = () =>
    commerce.payments.provider.authorize({
      idempotencyKey: paymentKey(orderId, 'authorize'),
      amountCents: 1_000,
      currency: 'USD',
      cardNumber: TEST_CARDS.SUCCEEDS,
    });
  // The provider answered, but the answer never reached the payments table.
  if (step === 'authorized-unrecorded') return (await authorize(), orderId);
  const authorized = await commerce.payments.call(
    { orderId, operation: 'AUTHORIZE', amountCents: 1_000, idempotencyKey: paymentKey(orderId, 'authorize'), cardLast4: '4242' },
    authorize,
  );
  if (!authorized.ok) throw new Error('authorize failed');
  if (step === 'authorized') return orderId;
  await confirmOrderStock(commerce.peers, orderId);
  if (step === 'confirmed') return orderId;
  await commerce.payments.call({ orderId, operation: 'CAPTURE', amountCents: 1_000, idempotencyKey: paymentKey(orderId, 'capture') }, () =>
    commerce.payments.provider.capture({ idempotencyKey: paymentKey(orderId, 'capture'), authorization: authorized.reference, amountCents: 1_000 }),
  );
  return orderId;
}

function waitUntilStuck(commerce: Commerce, orderIds: string[]): Promise<true> {
  return eventually('the orders to go past their lease', async () => {
    const stuck = new Set((await findStuckPendingOrders(commerce.db, LEASE_SECONDS, 1_000)).map((order) => order.id));
    return orderIds.every((id) => stuck.has(id)) || undefined;
  });
}

const gql = (query: string, variables: Record<string, unknown>) => graphqlRequest(platform.gatewayUrl, query, variables, admin);
const orderOf = async (id: string) =>
  (await gql(ORDER, { id })).data!.order as {
    status: string;
    history: { from: string | null; to: string }[];
    payments: { operation: string; outcome: string }[];
  };
const stockOf = async () => (await gql(STOCK, { id: product })).data!.product.stock as { onHand: number; reserved: number };
const invariants = () => checkShopInvariants({ databaseServerUrl: testDatabaseServerUrl(), databasePrefix: platform.databasePrefix });

beforeAll(async () => {
  // The platform's own reconciler stays off: this test runs the passes itself.
  restoreEnvironment = setEnvironment({ ORDERS_RECONCILE_INTERVAL_MS: '0' });
  platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
  const peerUrls = () => Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url]));
  replicas = await Promise.all(
    [1, 2].map(async () => {
      const database = await openServiceDatabase({
        url: serviceDatabaseUrl('orders', testDatabaseServerUrl(), platform.databasePrefix, {}),
        schema,
        migrationsFolder: join(__dirname, '..', '..', 'subgraphs', 'orders', 'drizzle'),
      });
      const commerce = createCommerce({
        db: database.db,
        shared: platform.shared,
        logger,
        gatewaySecret: TEST_GATEWAY_SECRET,
        peerUrls,
        settings: { ORDERS_PAYMENT_LEASE_SECONDS: LEASE_SECONDS },
      });
      return { database, commerce };
    }),
  );
  const login = await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
    e: 'admin@shopgraph.dev',
    p: DEMO_PASSWORD,
  });
  admin = { authorization: `Bearer ${login.data!.login.accessToken}` };
});
afterAll(async () => {
  restoreEnvironment?.();
  await Promise.all((replicas ?? []).map((replica) => replica.database.close()));
  await platform?.stop();
});

test('two reconcilers at once end every stuck order exactly once: PAID after a capture, otherwise voided, stock back, PAYMENT_FAILED', async () => {
  const [first, second] = replicas.map((replica) => replica.commerce) as [Commerce, Commerce];
  const before = await stockOf();
  const steps: Step[] = ['inserted', 'authorized', 'authorized-unrecorded', 'confirmed', 'captured'];
  const ids = Object.fromEntries(await Promise.all(steps.map(async (step) => [step, await stuckAfter(first, step)] as const))) as Record<Step, string>;
  await waitUntilStuck(first, Object.values(ids));

  const reports = await Promise.all([reconcileStuckOrders(first, { batch: 50, logger }), reconcileStuckOrders(second, { batch: 50, logger })]);
  const total = (outcome: 'PAID' | 'PAYMENT_FAILED' | 'RETRY') => reports.reduce((sum, report) => sum + (report?.[outcome] ?? 0), 0);
  expect([total('PAID'), total('PAYMENT_FAILED'), total('RETRY')]).toEqual([1, 4, 0]);

  for (const [step, id] of Object.entries(ids)) {
    const order = await orderOf(id);
    expect({ step, status: order.status }).toEqual({ step, status: step === 'captured' ? 'PAID' : 'PAYMENT_FAILED' });
    // One way out of PENDING, written once.
    expect(order.history.filter((change) => change.from === 'PENDING')).toHaveLength(1);
    const succeeded = order.payments.filter((payment) => payment.outcome === 'SUCCEEDED').map((payment) => payment.operation);
    if (step === 'captured') expect(succeeded).toEqual(['AUTHORIZE', 'CAPTURE']);
    else if (step === 'inserted') expect(succeeded).toEqual([]);
    // What was authorized is voided, once, also when only the provider knew of the authorization.
    else expect(succeeded).toEqual(['AUTHORIZE', 'VOID']);
  }
  // Only the paid unit left the stock; nothing is held any more.
  expect(await stockOf()).toEqual({ onHand: before.onHand - 1, reserved: before.reserved });
  expect(await invariants()).toEqual([]);
});

test('one stuck order claimed by two reconcilers at once (no leader lock between them) is ended by one; the other skips it', async () => {
  const [first, second] = replicas.map((replica) => replica.commerce) as [Commerce, Commerce];
  const id = await stuckAfter(first, 'confirmed');
  await waitUntilStuck(first, [id]);
  const outcomes = await Promise.all([reconcileOrder(first, id), reconcileOrder(second, id)]);
  expect(outcomes.sort()).toEqual(['PAYMENT_FAILED', 'SKIPPED']);
  expect((await orderOf(id)).payments.filter((payment) => payment.operation === 'VOID' && payment.outcome === 'SUCCEEDED')).toHaveLength(1);
  expect(await reconcileOrder(second, id)).toBe('SKIPPED');
  expect(await invariants()).toEqual([]);
});
