import { randomUUID } from 'node:crypto';
import { serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { demoOrders, demoStock, type DemoOrder } from '@shopgraph/demo-data';
import postgres from 'postgres';
import { checkShopInvariants, testDatabaseServerUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

let platform: TestPlatform;
const databaseOf = (name: ServiceName) =>
  postgres(serviceDatabaseUrl(name, testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
const check = () => checkShopInvariants({ databaseServerUrl: testDatabaseServerUrl(), databasePrefix: platform.databasePrefix });

beforeAll(async () => {
  platform = await startPlatformForTest();
});
afterAll(() => platform?.stop());

test('a freshly seeded shop keeps every invariant', async () => {
  expect(await check()).toEqual([]);
});

test('finds each kind of violation written straight into the databases', async () => {
  const [paid, failed] = [demoOrders.find((order) => order.status === 'PAID')!, demoOrders.find((order) => order.status === 'DELIVERED')!];
  const product = demoStock[0]!.productId;
  const orders = databaseOf('orders');
  const inventory = databaseOf('inventory');
  try {
    // Each under a key of its own: the orders database holds one success per key. Paid demo orders
    // have their own capture on record already (sim_capture_demo_<n>).
    const demoCapture = (order: DemoOrder) => order.payments.find((payment) => payment.operation === 'CAPTURE')!.reference!;
    const capture = (orderId: string, reference: string) =>
      orders`insert into payments (order_id, operation, outcome, amount_cents, provider, provider_reference, provider_idempotency_key)
             values (${orderId}, 'CAPTURE', 'SUCCEEDED', 100, 'simulated', ${reference}, ${`${orderId}:capture:${randomUUID()}`})`;
    // Two charges for one order; and a charge behind an order that failed.
    await capture(paid.id, 'sim_capture_a');
    await capture(paid.id, 'sim_capture_b');
    await orders`update orders set status = 'PAYMENT_FAILED' where id = ${failed.id}`;
    await capture(failed.id, demoCapture(failed));
    // A hold left behind by an order that ended; stock gone below zero (the check constraint lifted to let it happen).
    await inventory`insert into reservations (order_id, status, expires_at) values (${paid.id}, 'HELD', now() + interval '1 hour')`;
    await inventory`alter table stock drop constraint stock_on_hand_check, drop constraint stock_reserved_check`;
    await inventory`update stock set on_hand = -2, reserved = 0 where product_id = ${product}`;
    // A capture replayed under the same reference is one charge, not two.
    const shipped = demoOrders.find((order) => order.status === 'SHIPPED')!;
    await capture(shipped.id, demoCapture(shipped));
    await capture(shipped.id, demoCapture(shipped));
  } finally {
    await Promise.all([orders.end(), inventory.end()]);
  }

  const violations = await check();
  expect(violations).toEqual(
    expect.arrayContaining([
      expect.stringMatching(new RegExp(`order ${paid.id} was captured 3 times`)),
      expect.stringMatching(new RegExp(`order ${failed.id} has a successful capture .* but is PAYMENT_FAILED`)),
      expect.stringMatching(new RegExp(`order ${paid.id} is PAID but inventory still holds its reservation`)),
      expect.stringMatching(new RegExp(`product ${product} has -2 on hand`)),
    ]),
  );
  expect(violations).toHaveLength(4);
});

test('a prefix without databases is an error, not a clean report', async () => {
  await expect(checkShopInvariants({ databaseServerUrl: testDatabaseServerUrl(), databasePrefix: `missing_${randomUUID().slice(0, 8)}` })).rejects.toThrow();
});
