import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { createSharedState, type SharedState } from '@shopgraph/cache';
import { demoOrders } from '@shopgraph/demo-data';
import { openServiceDatabase } from '@shopgraph/db';
import type { DomainEvent } from '@shopgraph/events';
import { describeWithRedis, dropTestDatabases, startServiceForTest, testRedisUrl, uniqueDatabasePrefix } from '@shopgraph/testing';
import { schema, type OrdersDatabase } from '../src/db/database';
import { emails, orders, orderStatusHistory, outbox } from '../src/db/schema';
import { changeOrderStatus } from '../src/lifecycle/change-status';
import { applyOrderStatusChanged } from '../src/notifications/notifications-consumer';
import { startService } from '../src';

const MIGRATIONS = join(__dirname, '..', 'drizzle');
const until = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describeWithRedis('order events: the outbox relay and idempotent consumers, on real Postgres and Redis', () => {
  const prefix = uniqueDatabasePrefix();
  let database: OrdersDatabase;
  let bus: SharedState;

  beforeAll(async () => {
    // A first start creates, migrates and seeds the database; the tests then work on it directly.
    const service = await startServiceForTest('orders', startService, { redisUrl: testRedisUrl(), databasePrefix: prefix });
    await service.stop();
    database = await openServiceDatabase({ url: service.databaseUrl, schema, migrationsFolder: MIGRATIONS });
    bus = createSharedState(testRedisUrl(), `${prefix}:`);
  });
  afterAll(async () => {
    await database?.close();
    await bus?.close();
    await dropTestDatabases(prefix);
  });

  test('a status change committed while the relay is stopped is published once the relay runs again', async () => {
    const order = demoOrders.find((candidate) => candidate.status === 'SHIPPED')!;
    const seen: DomainEvent[] = [];
    const stop = await bus.events.subscribe({ topics: ['OrderStatusChanged'], group: `test-${randomUUID()}`, handle: async (event) => void seen.push(event) });
    try {
      // No orders process runs: the change commits with its event, and nothing publishes it.
      await changeOrderStatus(database.db, order.id, { to: 'DELIVERED', actor: 'test', reason: 'relay test' });
      const unpublished = await database.db
        .select()
        .from(outbox)
        .where(and(isNull(outbox.publishedAt), eq(outbox.topic, 'OrderStatusChanged')));
      // The demo order's history holds its placement, payment and shipping: this change comes next.
      expect(unpublished.map((row) => row.payload)).toEqual([
        expect.objectContaining({ orderId: order.id, from: 'SHIPPED', to: 'DELIVERED', sequence: order.history.length }),
      ]);

      const restarted = await startServiceForTest('orders', startService, { redisUrl: testRedisUrl(), databasePrefix: prefix });
      try {
        await until(async () => seen.some((event) => event.payload.orderId === order.id));
        // The relay marks the row published in the transaction after its publish: it may commit just after the event is seen.
        const unpublishedCount = async () =>
          ((await database.db.execute(sql`select count(*)::int as left from outbox where published_at is null`)) as unknown as [{ left: number }])[0].left;
        await until(async () => (await unpublishedCount()) === 0);
      } finally {
        await restarted.stop();
      }
      expect(seen.filter((event) => event.payload.orderId === order.id)).toHaveLength(1);
    } finally {
      await stop();
    }
  });

  test('a consumer that crashes mid-event leaves no trace, and redeliveries have one effect', async () => {
    const order = demoOrders.find((candidate) => candidate.status === 'PAID')!;
    await database.db.update(orders).set({ contactEmail: 'casey@example.com' }).where(eq(orders.id, order.id));
    const event: DomainEvent = {
      id: `orders:test-${randomUUID()}`,
      topic: 'OrderStatusChanged',
      source: 'orders',
      occurredAt: new Date().toISOString(),
      payload: { orderId: order.id, userId: order.userId, from: 'PAID', to: 'SHIPPED', sequence: 1, at: new Date().toISOString() },
    };
    const mailFor = () => database.db.select().from(emails).where(eq(emails.orderId, order.id));
    const crash = () => {
      throw new Error('crashed after writing the email');
    };
    await expect(applyOrderStatusChanged(database.db, event, { afterEffect: crash })).rejects.toThrow('crashed');
    expect(await mailFor()).toHaveLength(0);
    await applyOrderStatusChanged(database.db, event);
    await applyOrderStatusChanged(database.db, event);
    expect((await mailFor()).map((email) => email.kind)).toEqual(['ORDER_SHIPPED']);
  });

  test('illegal transitions are refused with CONFLICT and write nothing', async () => {
    const delivered = demoOrders.find((candidate) => candidate.status === 'DELIVERED')!;
    const historyBefore = await database.db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, delivered.id));
    await expect(changeOrderStatus(database.db, delivered.id, { to: 'PAID', actor: 'test' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(changeOrderStatus(database.db, delivered.id, { to: 'SHIPPED', actor: 'test' })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(await database.db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, delivered.id))).toEqual(historyBefore);
    const [row] = await database.db.select().from(orders).where(eq(orders.id, delivered.id));
    expect(row).toMatchObject({ status: 'DELIVERED', statusSequence: delivered.history.length - 1 });
  });
});
