/*
 * What the analytics tests ask for, in one place: the same selections, and the reshaping of
 * their answers into the rows source-figures.ts computes from the source databases.
 */

export const SALES_FIELDS = 'label orders paidOrders grossRevenue { amount } refunds { amount } netRevenue { amount } averageOrderValue { amount }';
export const PAYMENT_RATES_FIELDS =
  'paymentAttempts paymentFailures paymentFailureRate paidOrders refundedOrders refundRate paidRevenue { amount } refundedRevenue { amount } refundedRevenueRate';
export const STOCK_REPORTS = `stockOuts(from: $from, to: $to, first: 100) { product { id } stockOuts outOfStockNow }
  lowStockDays(from: $from, to: $to, timeZone: $tz, threshold: 5, first: 100) { product { id } days }`;
export const FRESHNESS = '{ analyticsFreshness { topic eventsApplied } }';

type Product = { product: { id: string } };

export const productRows = (list: (Product & { revenue: { amount: number }; units: number })[]) =>
  list.map((row) => ({ id: row.product.id, revenue: row.revenue.amount, units: row.units }));
export const stockOutRows = (list: (Product & { stockOuts: number; outOfStockNow: boolean })[]) =>
  list.map((row) => ({ productId: row.product.id, stockOuts: row.stockOuts, outOfStockNow: row.outOfStockNow }));
export const lowStockRows = (list: (Product & { days: number })[]) => list.map((row) => ({ productId: row.product.id, days: row.days }));

type Sold = { id: string; revenue: number; units: number };
/** Best first, as topProducts(by: REVENUE) ranks them: revenue, then units, then id. */
export const byRevenue = (rows: readonly Sold[]) => [...rows].sort((x, y) => y.revenue - x.revenue || y.units - x.units || x.id.localeCompare(y.id));
