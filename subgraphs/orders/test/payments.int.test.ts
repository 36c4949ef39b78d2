import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { RedisCache, RedisCounters } from '@shopgraph/cache';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { openServiceDatabase } from '@shopgraph/db';
import { createLogger } from '@shopgraph/logging';
import { dropTestDatabases, testDatabaseServerUrl, uniqueDatabasePrefix } from '@shopgraph/testing';
import { schema, type OrdersDatabase } from '../src/db/database';
import { findPaymentsByOrderIds } from '../src/db/queries/payments';
import { orders } from '../src/db/schema';
import { Payments, UNEXPECTED_FAILURE } from '../src/payments/payments';
import { SimulatedPaymentProvider, TEST_CARDS } from '../src/payments/simulated-provider';
import { startOwnRedis, type OwnRedis } from '@shopgraph/testing';

// The provider keeps its idempotency records in a Redis of this test's own, frozen mid-test: the
// "Command timed out" of the simulated provider seen in issue #15, neither a deadline nor transient.
const prefix = uniqueDatabasePrefix();
let database: OrdersDatabase;
let redis: OwnRedis;
let cache: RedisCache;
let counters: RedisCounters;

beforeAll(async () => {
  redis = await startOwnRedis();
  cache = new RedisCache(redis.url);
  counters = new RedisCounters(redis.url);
  database = await openServiceDatabase({
    url: serviceDatabaseUrl('orders', testDatabaseServerUrl(), prefix, {}),
    schema,
    migrationsFolder: join(__dirname, '..', 'drizzle'),
  });
});
afterAll(async () => {
  await Promise.all([cache?.close(), counters?.close()]);
  await redis?.stop();
  await database?.close();
  await dropTestDatabases(prefix);
});

async function pendingOrder(): Promise<string> {
  const [row] = await database.db.insert(orders).values({ userId: randomUUID(), totalCents: 1_000 }).returning();
  return row!.id;
}

test('a provider error that is neither a deadline nor transient is recorded for every attempt and answered as a failure; a later retry with the same key succeeds', async () => {
  const payments = new Payments(database.db, new SimulatedPaymentProvider(cache, counters), createLogger('test', 'silent'), {
    deadlineMs: 2_000,
    attempts: 2,
    backoffMs: 10,
  });
  const orderId = await pendingOrder();
  const authorize = () =>
    payments.call({ orderId, operation: 'AUTHORIZE', amountCents: 1_000, idempotencyKey: `${orderId}:authorize`, cardLast4: '4242' }, () =>
      payments.provider.authorize({ idempotencyKey: `${orderId}:authorize`, amountCents: 1_000, currency: 'USD', cardNumber: TEST_CARDS.SUCCEEDS }),
    );

  redis.freeze();
  let failed;
  try {
    failed = await authorize();
  } finally {
    redis.thaw();
  }
  expect(failed).toEqual({ ok: false, outcome: 'FAILED', message: UNEXPECTED_FAILURE });
  expect((await findPaymentsByOrderIds(database.db, [orderId])).map((row) => [row.operation, row.outcome, row.message])).toEqual([
    ['AUTHORIZE', 'FAILED', UNEXPECTED_FAILURE],
    ['AUTHORIZE', 'FAILED', UNEXPECTED_FAILURE],
  ]);

  // Redis is back: the same key goes through, and is on record too.
  let retried = await authorize();
  for (let attempt = 0; !retried.ok && attempt < 20; attempt += 1) retried = await authorize();
  expect(retried).toMatchObject({ ok: true });
  expect((await findPaymentsByOrderIds(database.db, [orderId])).at(-1)).toMatchObject({ operation: 'AUTHORIZE', outcome: 'SUCCEEDED', cardLast4: '4242' });
});

test('two callers sending one operation with one key at once (a reconciler taking over a checkout whose lease ran out) leave one success on record, and both are told it succeeded', async () => {
  const payments = new Payments(database.db, new SimulatedPaymentProvider(cache, counters), createLogger('test', 'silent'));
  const orderId = await pendingOrder();
  const authorized = await payments.call({ orderId, operation: 'AUTHORIZE', amountCents: 1_000, idempotencyKey: `${orderId}:authorize` }, () =>
    payments.provider.authorize({ idempotencyKey: `${orderId}:authorize`, amountCents: 1_000, currency: 'USD', cardNumber: TEST_CARDS.SUCCEEDS }),
  );
  expect(authorized.ok).toBe(true);
  const voidIt = () =>
    payments.call({ orderId, operation: 'VOID', amountCents: 1_000, idempotencyKey: `${orderId}:void` }, () =>
      payments.provider.void({ idempotencyKey: `${orderId}:void`, authorization: (authorized as { reference: string }).reference }),
    );

  const answers = await Promise.all([voidIt(), voidIt(), voidIt()]);
  expect(answers.map((answer) => answer.ok)).toEqual([true, true, true]);
  const onRecord = await findPaymentsByOrderIds(database.db, [orderId]);
  expect(onRecord.filter((row) => row.outcome === 'SUCCEEDED').map((row) => row.operation)).toEqual(['AUTHORIZE', 'VOID']);
});
