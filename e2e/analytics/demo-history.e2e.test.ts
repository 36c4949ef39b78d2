import postgres from 'postgres';
import { serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { DEMO_HISTORY_DAYS, demoHistoryEnd, demoOrders } from '@shopgraph/demo-data';
import { describeWithRedis, graphqlRequest, signIn, testDatabaseServerUrl, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { byRevenue, FRESHNESS, lowStockRows, PAYMENT_RATES_FIELDS, productRows, SALES_FIELDS, STOCK_REPORTS, stockOutRows } from './report-documents';
import {
  lowStockDaysFromInventory,
  paymentRatesFromOrders,
  productSalesFromOrders,
  reviewsFromReviews,
  salesFromOrders,
  stockOutsFromInventory,
} from './source-figures';

const DAY_MS = 86_400_000;
const YEAR = `query ($from: DateTime!, $to: DateTime!, $tz: String!) {
  salesByPeriod(period: MONTH, timeZone: $tz, from: $from, to: $to) {
    ${SALES_FIELDS}
  }
  topProducts(from: $from, to: $to, by: REVENUE, first: 20) { product { id name } revenue { amount } units }
  paymentRates(from: $from, to: $to) { ${PAYMENT_RATES_FIELDS} }
  ${STOCK_REPORTS}
  reviewTrend(period: MONTH, timeZone: $tz, from: $from, to: $to) { label newReviews averageRating }
}`;
const LAST_30_DAYS = `query ($from: DateTime!, $to: DateTime!) { salesByPeriod(period: DAY, timeZone: "UTC", from: $from, to: $to) { orders netRevenue { amount } } }`;

type Row = Record<string, unknown>;
const amounts = (row: Row) =>
  Object.fromEntries(Object.entries(row).map(([key, value]) => [key, typeof value === 'object' && value ? (value as { amount: number }).amount : value]));

describeWithRedis('a freshly started platform has a year of demo history in analytics, agreeing with the orders, inventory and reviews databases', () => {
  let platform: TestPlatform;
  const sql = {} as Record<'orders' | 'inventory' | 'reviews', postgres.Sql>;
  let admin: Record<string, string>;
  // The whole history: from the first day of the year of demo orders to the day the platform started.
  const range = { from: new Date(demoHistoryEnd.getTime() - (DEMO_HISTORY_DAYS + 1) * DAY_MS), to: demoHistoryEnd };
  const year = async (tz: string) => {
    const response = await graphqlRequest(platform.gatewayUrl, YEAR, { from: range.from.toISOString(), to: range.to.toISOString(), tz }, admin);
    expect(response.errors).toBeUndefined();
    return response.data!;
  };

  beforeAll(async () => {
    const started = Date.now();
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    // How long a seeded start takes is for bench/ and the docs, not an assertion: printed only.
    console.log(`platform with a year of demo history started in ${Date.now() - started} ms`);
    for (const name of ['orders', 'inventory', 'reviews'] as ServiceName[])
      sql[name as keyof typeof sql] = postgres(serviceDatabaseUrl(name, testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
    admin = (await signIn(platform.gatewayUrl, 'admin@shopgraph.dev')).headers;
  });
  afterAll(async () => {
    await Promise.all(Object.values(sql).map((connection) => connection.end()));
    await platform?.stop();
  });

  test('revenue by month, in two time zones, is the orders database’s, and every month of the year has orders', async () => {
    for (const tz of ['UTC', 'America/New_York']) {
      const months = ((await year(tz)).salesByPeriod as Row[]).map(amounts);
      expect({ tz, months: months.filter((month) => (month.orders as number) > 0) }).toEqual({
        tz,
        months: await salesFromOrders(sql.orders, range, 'month', tz),
      });
      // 366 days reach into 13 calendar months; all have orders, revenue and some refunds over the year.
      expect(months.length).toBeGreaterThanOrEqual(13);
      expect(months.every((month) => (month.orders as number) > 0 && (month.grossRevenue as number) > 0)).toBe(true);
      expect(months.reduce((sum, month) => sum + (month.orders as number), 0)).toBe(demoOrders.length);
      expect(months.reduce((sum, month) => sum + (month.refunds as number), 0)).toBeGreaterThan(0);
    }
    // The dashboard's default view, the last 30 days, is not empty either.
    const response = await graphqlRequest(
      platform.gatewayUrl,
      LAST_30_DAYS,
      { from: new Date(demoHistoryEnd.getTime() - 30 * DAY_MS).toISOString(), to: demoHistoryEnd.toISOString() },
      admin,
    );
    const days = response.data!.salesByPeriod as { orders: number }[];
    expect(days.filter((day) => day.orders > 0).length).toBeGreaterThan(20);
  });

  test('top products and the payment failure and refund rates, partial refunds included, are the orders database’s', async () => {
    const data = await year('UTC');
    expect(productRows(data.topProducts)).toEqual(byRevenue(await productSalesFromOrders(sql.orders, range)).slice(0, 20));
    expect(data.paymentRates).toEqual(await paymentRatesFromOrders(sql.orders, range));
    const partial = (await sql.orders<{ n: number }[]>`select count(*)::int as n from orders where refunded_cents > 0 and refunded_cents < paid_cents`)[0]!.n;
    expect(partial).toBeGreaterThan(0);
    expect(data.paymentRates.paymentFailures).toBeGreaterThan(0);
    expect(data.paymentRates.refundedOrders).toBeGreaterThan(partial);
  });

  test('stock-outs and low-stock days are the inventory’s; the review trend is the reviews database’s', async () => {
    const data = await year('UTC');
    const stockOuts = await stockOutsFromInventory(sql.inventory, range, demoHistoryEnd);
    expect(stockOutRows(data.stockOuts)).toEqual(stockOuts.slice(0, 100));
    expect(stockOuts.length).toBeGreaterThan(20);
    const lowDays = await lowStockDaysFromInventory(sql.inventory, range, 'UTC', 5, demoHistoryEnd);
    expect(lowStockRows(data.lowStockDays)).toEqual(lowDays.slice(0, 100));
    expect(lowDays.length).toBeGreaterThan(20);
    // What inventory has now is where its recorded movements ended.
    const drifted = await sql.inventory<{ n: number }[]>`
      select count(*)::int as n from stock s
      where s.on_hand <> (select coalesce(sum(delta), 0) from stock_adjustments a where a.product_id = s.product_id)`;
    expect(drifted[0]!.n).toBe(0);

    const months = (data.reviewTrend as { newReviews: number }[]).filter((month) => month.newReviews !== 0);
    expect(months).toEqual(await reviewsFromReviews(sql.reviews, range, 'UTC', 'month'));
    expect(months.length).toBeGreaterThanOrEqual(12);
  });

  test('a rebuild, which applies the demo history again, gives the same year', async () => {
    const before = await year('UTC');
    const freshness = await graphqlRequest(platform.gatewayUrl, FRESHNESS, {}, admin);
    const rebuilt = await graphqlRequest(platform.gatewayUrl, 'mutation { rebuildAnalytics { eventsApplied freshness { topic eventsApplied } } }', {}, admin);
    expect(rebuilt.errors).toBeUndefined();
    expect(rebuilt.data!.rebuildAnalytics.freshness).toEqual(freshness.data!.analyticsFreshness);
    expect(await year('UTC')).toEqual(before);
  });
});
