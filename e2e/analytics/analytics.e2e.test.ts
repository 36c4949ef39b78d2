import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { ANALYTICS_GROUP } from '@shopgraph/analytics';
import { serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { demoHistoryEnd, demoProducts, demoStock } from '@shopgraph/demo-data';
import type { Delivery } from '@shopgraph/events';
import { describeWithRedis, eventually, graphqlRequest, signIn, testDatabaseServerUrl, testRedisUrl, type GraphQLResponse } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { byRevenue, FRESHNESS, lowStockRows, PAYMENT_RATES_FIELDS, productRows, SALES_FIELDS, STOCK_REPORTS, stockOutRows } from './report-documents';
import {
  categoriesOf,
  demoEventCounts,
  eventCounts,
  lowStockDaysFromInventory,
  paymentRatesFromOrders,
  productSalesFromOrders,
  reviewsFromReviews,
  salesFromOrders,
  stockOutsFromInventory,
} from './source-figures';

const CARD = { SUCCEEDS: '4242 4242 4242 4242', DECLINED: '4000000000000002' };
const CHECKOUT = `mutation ($a: ID!, $c: String!, $k: String!) {
  checkout(input: { addressId: $a, cardNumber: $c }, idempotencyKey: $k) { __typename ... on OrderPlaced { order { id status } } ... on PaymentFailed { order { id status } } }
}`;
const SALES = `query ($p: ReportPeriod!, $tz: String!, $from: DateTime!, $to: DateTime!) {
  salesByPeriod(period: $p, timeZone: $tz, from: $from, to: $to) {
    ${SALES_FIELDS}
  }
}`;
const REPORTS = `query ($from: DateTime!, $to: DateTime!, $tz: String!) {
  byRevenue: topProducts(from: $from, to: $to, by: REVENUE, first: 100) { product { id } revenue { amount } units }
  byUnits: topProducts(from: $from, to: $to, by: UNITS, first: 100) { product { id } revenue { amount } units }
  categories: topCategories(from: $from, to: $to, by: REVENUE, first: 100) { category { id } revenue { amount } units }
  paymentRates(from: $from, to: $to) { ${PAYMENT_RATES_FIELDS} }
  ${STOCK_REPORTS}
  reviewTrend(period: DAY, timeZone: $tz, from: $from, to: $to) { label newReviews averageRating }
}`;
const REFUND = 'mutation ($id: ID!, $a: Int, $r: String!) { refundOrder(orderId: $id, amount: $a, reason: $r) { status refunded { amount } } }';
const ADDRESS = { recipient: 'Ana Lytics', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'];
const code = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;
const inStock = demoStock.filter((row) => row.onHand >= 20).map((row) => demoProducts.find((product) => product.id === row.productId)!);

type Sales = { label: string; orders: number; grossRevenue: { amount: number }; [field: string]: unknown }[];
const flatSales = (rows: Sales) =>
  rows
    .filter((row) => row.orders > 0)
    .map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'object' && value ? (value as { amount: number }).amount : value])),
    );

describeWithRedis('analytics through the gateway agrees with the orders, inventory and reviews databases', () => {
  let platform: TestPlatform;
  const sql = {} as Record<'orders' | 'inventory' | 'reviews' | 'products', postgres.Sql>;
  let admin: Record<string, string>;
  let customer: Record<string, string>;
  let addressId: string;
  let partlyRefunded: string;
  const range = { from: new Date(), to: new Date() };
  const vars = () => ({ from: range.from.toISOString(), to: range.to.toISOString() });
  const gql = (query: string, variables: Record<string, unknown> = {}, headers = admin) => graphqlRequest(platform.gatewayUrl, query, variables, headers);
  const ok = async (query: string, variables: Record<string, unknown> = {}, headers = admin) => {
    const response = await gql(query, variables, headers);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const buy = async (card: string, lines: [productId: string, quantity: number][]) => {
    for (const [productId, quantity] of lines)
      await ok('mutation ($p: ID!, $q: Int!) { addToCart(productId: $p, quantity: $q) { itemCount } }', { p: productId, q: quantity }, customer);
    const placed = await ok(CHECKOUT, { a: addressId, c: card, k: randomUUID() }, customer);
    return placed.checkout.order.id as string;
  };
  /** Resolves once analytics applied as many events of each topic as the source services wrote (and the demo history it seeded). */
  const caughtUp = async () => {
    const written = await eventCounts(sql);
    const demo = demoEventCounts();
    const expected = Object.fromEntries(Object.entries(written).map(([topic, count]) => [topic, count + (demo[topic] ?? 0)]));
    await eventually('analytics to apply every event', async () => {
      const applied = Object.fromEntries(
        ((await ok(FRESHNESS)).analyticsFreshness as { topic: string; eventsApplied: number }[]).map((row) => [row.topic, row.eventsApplied]),
      );
      return Object.entries(expected).every(([topic, count]) => applied[topic] === count) ? true : undefined;
    });
  };
  const figures = async () => ({
    sales: Object.fromEntries(await Promise.all(ZONES.map(async (tz) => [tz, (await ok(SALES, { ...vars(), p: 'DAY', tz })).salesByPeriod]))),
    reports: await ok(REPORTS, { ...vars(), tz: 'Europe/Paris' }),
  });

  beforeAll(async () => {
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    for (const name of ['orders', 'inventory', 'reviews', 'products'] as ServiceName[])
      sql[name as keyof typeof sql] = postgres(serviceDatabaseUrl(name, testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
    customer = (await signIn(platform.gatewayUrl, 'customer@shopgraph.dev')).headers;
    addressId = (await ok('mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, customer)).addAddress.id;
    // The demo history ends before today: the range starts with this test's own orders.
    range.from = new Date(Date.now() - 1_000);

    const [a, b, c, d] = inStock as [(typeof inStock)[number], (typeof inStock)[number], (typeof inStock)[number], (typeof inStock)[number]];
    await buy(CARD.SUCCEEDS, [
      [a.id, 2],
      [b.id, 1],
    ]);
    await buy(CARD.SUCCEEDS, [[c.id, 3]]);
    const refunded = await buy(CARD.SUCCEEDS, [[a.id, 1]]);
    const cancelled = await buy(CARD.SUCCEEDS, [[b.id, 2]]);
    partlyRefunded = await buy(CARD.SUCCEEDS, [[c.id, 2]]);
    await buy(CARD.DECLINED, [[d.id, 1]]);
    await ok(REFUND, { id: refunded, r: 'damaged box' });
    // A partial refund: no status change, only OrderRefunded tells analytics.
    expect((await ok(REFUND, { id: partlyRefunded, a: 150, r: 'scratched' })).refundOrder).toEqual({ status: 'PAID', refunded: { amount: 150 } });
    await ok('mutation ($id: ID!) { cancelOrder(orderId: $id, reason: "changed my mind") { status } }', { id: cancelled }, customer);
    // A stock-out, then a delivery that leaves it low.
    const { available } = (await ok('query ($id: ID!) { product(id: $id) { stock { available } } }', { id: d.id })).product.stock;
    await ok('mutation ($id: ID!, $d: Int!) { adjustStock(productId: $id, delta: $d, reason: "count") { delta } }', { id: d.id, d: -available });
    await ok('mutation ($id: ID!) { adjustStock(productId: $id, delta: 3, reason: "delivery") { delta } }', { id: d.id });
    // Two approved reviews and a rejected one.
    for (const [product, rating, decision] of [
      [a, 5, 'APPROVED'],
      [c, 2, 'APPROVED'],
      [d, 1, 'REJECTED'],
    ] as const) {
      const review = (
        await ok(
          'mutation ($i: CreateReviewInput!) { createReview(input: $i) { id } }',
          { i: { productId: product.id, rating, title: 'Mine', body: 'Bought it.' } },
          customer,
        )
      ).createReview;
      await ok('mutation ($id: ID!, $s: ModerationDecision!) { moderateReview(id: $id, status: $s) { id } }', { id: review.id, s: decision });
    }
    range.to = new Date(Date.now() + 60 * 60_000);
    await caughtUp();
  });
  afterAll(async () => {
    await Promise.all(Object.values(sql).map((connection) => connection.end()));
    await platform?.stop();
  });

  test('orders, revenue and average order value per local day match the orders database, in every time zone', async () => {
    const { sales } = await figures();
    for (const tz of ZONES) expect({ tz, sales: flatSales(sales[tz] as Sales) }).toEqual({ tz, sales: await salesFromOrders(sql.orders, range, 'day', tz) });
    const utc = flatSales(sales.UTC as Sales);
    expect(utc.reduce((sum, row) => sum + (row.orders as number), 0)).toBe(6);
    for (const period of ['WEEK', 'MONTH'] as const) {
      const rows = flatSales((await ok(SALES, { ...vars(), p: period, tz: 'Asia/Tokyo' })).salesByPeriod);
      expect(rows).toEqual(await salesFromOrders(sql.orders, range, period === 'WEEK' ? 'week' : 'month', 'Asia/Tokyo'));
    }
  });

  test('top products and categories, payment failure and refund rates match the orders (and products) databases', async () => {
    const { reports } = await figures();
    const sold = await productSalesFromOrders(sql.orders, range);
    const byId = (x: { id: string }, y: { id: string }) => x.id.localeCompare(y.id);
    expect(productRows(reports.byRevenue)).toEqual(byRevenue(sold));
    expect(productRows(reports.byUnits)).toEqual([...sold].sort((x, y) => y.units - x.units || y.revenue - x.revenue || byId(x, y)));

    const categoryOf = await categoriesOf(
      sql.products,
      sold.map((row) => row.id),
    );
    const categories = new Map<string, { id: string; revenue: number; units: number }>();
    for (const row of sold) {
      const id = categoryOf.get(row.id)!;
      const total = categories.get(id) ?? { id, revenue: 0, units: 0 };
      categories.set(id, { id, revenue: total.revenue + row.revenue, units: total.units + row.units });
    }
    expect(
      reports.categories.map((row: { category: { id: string }; revenue: { amount: number }; units: number }) => ({
        id: row.category.id,
        revenue: row.revenue.amount,
        units: row.units,
      })),
    ).toEqual([...categories.values()].sort((x, y) => y.revenue - x.revenue || y.units - x.units || byId(x, y)));
    expect(reports.paymentRates).toEqual(await paymentRatesFromOrders(sql.orders, range));
    // Refunded: one in full, one cancelled after payment, one in part.
    expect(reports.paymentRates).toMatchObject({ paymentAttempts: 6, paymentFailures: 1, paidOrders: 5, refundedOrders: 3 });
  });

  test('stock-outs and low-stock days match the inventory database; review volume and rating trend match the reviews database', async () => {
    const { reports } = await figures();
    expect(stockOutRows(reports.stockOuts)).toEqual(await stockOutsFromInventory(sql.inventory, range, demoHistoryEnd));
    expect(reports.stockOuts.length).toBeGreaterThan(0);
    const lowDays = await lowStockDaysFromInventory(sql.inventory, range, 'Europe/Paris', 5, demoHistoryEnd);
    expect(lowStockRows(reports.lowStockDays)).toEqual(lowDays);
    expect(lowDays.length).toBeGreaterThan(0);
    const reviews = reports.reviewTrend.filter((row: { newReviews: number }) => row.newReviews !== 0);
    expect(reviews).toEqual(await reviewsFromReviews(sql.reviews, range, 'Europe/Paris'));
    expect(reviews.reduce((sum: number, row: { newReviews: number }) => sum + row.newReviews, 0)).toBe(2);
  });

  test('a redelivered event changes nothing, and a rebuild from the streams gives the same figures', async () => {
    const before = await figures();
    const [created] = await platform.shared.events.history('OrderCreated', '0-0', 1);
    const redelivered = new Promise<Delivery>((resolve) => {
      const stop = platform.shared.events.onDelivery((delivery) => {
        if (delivery.group === ANALYTICS_GROUP && delivery.event.id === created!.event.id) {
          stop();
          resolve(delivery);
        }
      });
    });
    await platform.shared.events.publish([created!.event]);
    expect((await redelivered).outcome).toBe('handled');
    expect(await figures()).toEqual(before);
    const freshness = (await ok(FRESHNESS)).analyticsFreshness;

    const rebuilt = await ok('mutation { rebuildAnalytics { eventsApplied freshness { topic eventsApplied } } }');
    // The stream holds the redelivered copy too: read twice, applied once.
    expect(rebuilt.rebuildAnalytics).toEqual({ eventsApplied: Object.values(await eventCounts(sql)).reduce((sum, n) => sum + n, 0) + 1, freshness });
    expect(await figures()).toEqual(before);
  });

  test('admins only: a customer is FORBIDDEN, an anonymous caller UNAUTHENTICATED; a time zone that is not IANA is BAD_USER_INPUT', async () => {
    for (const query of [SALES, REPORTS, FRESHNESS]) {
      const variables = { ...vars(), p: 'DAY', tz: 'UTC' };
      expect(code(await gql(query, variables, customer))).toBe('FORBIDDEN');
      expect(code(await gql(query, variables, {}))).toBe('UNAUTHENTICATED');
    }
    expect(code(await gql('mutation { rebuildAnalytics { eventsApplied } }', {}, customer))).toBe('FORBIDDEN');
    for (const tz of ['Mars/Olympus_Mons', 'posix/Europe/Paris', "UTC'; drop table order_facts; --"]) {
      const response = await gql(SALES, { ...vars(), p: 'DAY', tz });
      expect({ tz, code: code(response), data: response.data }).toEqual({ tz, code: 'BAD_USER_INPUT', data: null });
    }
    expect(code(await gql(SALES, { from: range.to.toISOString(), to: range.from.toISOString(), p: 'DAY', tz: 'UTC' }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(SALES, { from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', p: 'DAY', tz: 'UTC' }))).toBe('BAD_USER_INPUT');
  });

  test('a partial refund moves the refund figures by its amount, as the orders database says, and the last part makes the order REFUNDED', async () => {
    const before = await figures();
    const paid = (await ok('query ($id: ID!) { order(id: $id) { paid { amount } refunded { amount } } }', { id: partlyRefunded })).order;
    const refundedAt = async (refund: { a?: number; r: string }) => {
      await ok(REFUND, { id: partlyRefunded, ...refund });
      await caughtUp();
      return figures();
    };
    const total = (rows: Sales) => flatSales(rows).reduce((sum, row) => sum + (row.refunds as number), 0);

    const second = await refundedAt({ a: 250, r: 'goodwill' });
    expect(total(second.sales.UTC as Sales)).toBe(total(before.sales.UTC as Sales) + 250);
    expect(second.reports.paymentRates.refundedRevenue.amount).toBe(before.reports.paymentRates.refundedRevenue.amount + 250);
    // Still one order with refunds, still kept: its lines stay in the top products.
    expect(second.reports.paymentRates.refundedOrders).toBe(before.reports.paymentRates.refundedOrders);
    expect(second.reports.byRevenue).toEqual(before.reports.byRevenue);
    for (const tz of ZONES) expect(flatSales(second.sales[tz] as Sales)).toEqual(await salesFromOrders(sql.orders, range, 'day', tz));
    expect(second.reports.paymentRates).toEqual(await paymentRatesFromOrders(sql.orders, range));

    // The rest of it: REFUNDED, refunded in full, out of the top products.
    const last = await refundedAt({ r: 'returned' });
    expect(total(last.sales.UTC as Sales)).toBe(total(before.sales.UTC as Sales) + paid.paid.amount - paid.refunded.amount);
    expect(last.reports.paymentRates).toEqual(await paymentRatesFromOrders(sql.orders, range));
    const sold = await productSalesFromOrders(sql.orders, range);
    expect(productRows(last.reports.byRevenue)).toEqual(byRevenue(sold));
    expect(last.reports.byRevenue).not.toEqual(before.reports.byRevenue);
  });
});
