import { randomUUID } from 'node:crypto';
import type { Viewer } from '@shopgraph/auth';
import type { DomainEvent, EventPayload, EventTopic } from '@shopgraph/events';
import { describeWithRedis, startServiceForTest, testRedisUrl, type TestService } from '@shopgraph/testing';
import { ANALYTICS_GROUP, startService } from '../src';

const ADMIN: Viewer = { id: randomUUID(), roles: ['ADMIN'] };
const FRESHNESS = '{ analyticsFreshness { topic eventsApplied } }';
const STOCK = `query ($from: DateTime!, $to: DateTime!) {
  stockOuts(from: $from, to: $to) { product { id } stockOuts outOfStockNow }
  lowStockDays(from: $from, to: $to, timeZone: "UTC", threshold: 2) { product { id } days }
}`;
const REVIEWS = 'query ($from: DateTime!, $to: DateTime!) { reviewTrend(period: DAY, timeZone: "UTC", from: $from, to: $to) { newReviews averageRating } }';

let analytics: TestService;
let sequence = 0;
const event = <T extends EventTopic>(topic: T, payload: EventPayload<T>, occurredAt = new Date()): DomainEvent =>
  ({ id: `test:${(sequence += 1)}-${randomUUID()}`, topic, source: 'test', occurredAt: occurredAt.toISOString(), payload }) as DomainEvent;
const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() };

/** Publishes the events and resolves with how each delivery to analytics ended (in delivery order), once all have. */
async function deliver(events: DomainEvent[]): Promise<string[]> {
  const outcomes: string[] = [];
  const ids = new Set(events.map((e) => e.id));
  const done = new Promise<void>((resolve) => {
    const stop = analytics.shared.events.onDelivery((delivery) => {
      if (delivery.group !== ANALYTICS_GROUP || !ids.has(delivery.event.id)) return;
      outcomes.push(delivery.outcome);
      if (outcomes.length === events.length) {
        stop();
        resolve();
      }
    });
  });
  await analytics.shared.events.publish(events);
  await done;
  return outcomes;
}

const ask = async (query: string) => {
  const response = await analytics.request(query, range, ADMIN);
  expect(response.errors).toBeUndefined();
  return response.data!;
};

describeWithRedis('analytics applies each event once, in whatever order it comes', () => {
  beforeAll(async () => {
    // These tests bring their own events: no demo history (its last stock levels would reach into the range).
    analytics = await startServiceForTest('analytics', startService, { redisUrl: testRedisUrl(), seed: false });
  });
  afterAll(() => analytics?.stop());

  test('stock changes out of order and delivered twice give the same stock-outs and low-stock days as in order', async () => {
    const productId = randomUUID();
    const levels = [5, 0, 1, 0, 3];
    const changes = levels.map((available, index) =>
      event('StockChanged', { productId, available, version: index + 1 }, new Date(Date.now() - (5 - index) * 1_000)),
    );
    const reversed = [...changes].reverse();
    expect(await deliver([...reversed, ...changes.slice(0, 2)])).toEqual(Array(7).fill('handled'));
    const figures = await ask(STOCK);
    expect(figures.stockOuts).toEqual([{ product: { id: productId }, stockOuts: 2, outOfStockNow: false }]);
    // Low (at most 2) from the first zero until the last change: the UTC days between them.
    const utcDays = new Set([changes[1]!, changes[4]!].map((change) => change.occurredAt.slice(0, 10))).size;
    expect(figures.lowStockDays).toEqual([{ product: { id: productId }, days: utcDays }]);
    const applied = (await ask(FRESHNESS)).analyticsFreshness.find((row: { topic: string }) => row.topic === 'StockChanged');
    expect(applied.eventsApplied).toBe(5);
  });

  test('review volume counts approved reviews added since the baseline; a first fact past version 1 is the baseline', async () => {
    const known = randomUUID();
    const fresh = randomUUID();
    const outcomes = await deliver([
      // Analytics first hears of `known` at 10 reviews: those are not new.
      event('RatingChanged', { productId: known, average: 4, count: 10, version: 7 }),
      event('RatingChanged', { productId: known, average: 4.09, count: 11, version: 8 }),
      event('RatingChanged', { productId: fresh, average: 2, count: 1, version: 1 }),
    ]);
    expect(outcomes).toEqual(['handled', 'handled', 'handled']);
    const days = (await ask(REVIEWS)).reviewTrend.filter((row: { newReviews: number }) => row.newReviews !== 0);
    // One 5-star review (45 stars over 11 less 40 over 10) and one 2-star review.
    expect(days).toEqual([{ newReviews: 2, averageRating: 3.5 }]);
  });

  test('partial refunds delivered out of order and twice count once each, by what the order had refunded in all', async () => {
    const orderId = randomUUID();
    const userId = randomUUID();
    const at = new Date().toISOString();
    const refund = (amountCents: number, refundedTotalCents: number) =>
      event('OrderRefunded', { orderId, userId, amountCents, refundedTotalCents, currency: 'USD', reason: 'test', at });
    const [first, second] = [refund(100, 100), refund(250, 350)];
    const outcomes = await deliver([
      // Without products: the order has no lines to ask the catalog about.
      event('OrderCreated', { orderId, userId, totalCents: 1_000, currency: 'USD', items: [], at }),
      event('OrderStatusChanged', { orderId, userId, from: 'PENDING', to: 'PAID', sequence: 1, at }),
      second,
      first,
      second,
    ]);
    expect(outcomes).toEqual(Array(5).fill('handled'));
    const { paymentRates, salesByPeriod } = await ask(`query ($from: DateTime!, $to: DateTime!) {
      paymentRates(from: $from, to: $to) { paidOrders refundedOrders paidRevenue { amount } refundedRevenue { amount } refundedRevenueRate }
      salesByPeriod(period: MONTH, timeZone: "UTC", from: $from, to: $to) { refunds { amount } netRevenue { amount } }
    }`);
    expect(paymentRates).toEqual({
      paidOrders: 1,
      refundedOrders: 1,
      paidRevenue: { amount: 1_000 },
      refundedRevenue: { amount: 350 },
      refundedRevenueRate: 0.35,
    });
    const months = salesByPeriod as { refunds: { amount: number }; netRevenue: { amount: number } }[];
    expect(months.reduce((sum, month) => sum + month.refunds.amount, 0)).toBe(350);
    expect(months.reduce((sum, month) => sum + month.netRevenue.amount, 0)).toBe(650);
  });

  test('a payload that breaks its contract is dead-lettered and writes nothing', async () => {
    const before = (await ask(FRESHNESS)).analyticsFreshness;
    const broken = event('OrderStatusChanged', { orderId: 'not-a-uuid' } as unknown as EventPayload<'OrderStatusChanged'>);
    expect(await deliver([broken])).toEqual(['dead-lettered']);
    expect((await analytics.shared.events.deadLetters('OrderStatusChanged')).map((letter) => letter.event.id)).toContain(broken.id);
    expect((await ask(FRESHNESS)).analyticsFreshness).toEqual(before);
  });
});
