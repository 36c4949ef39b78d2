import type { Resolvers } from '../__generated__/resolvers-types';
import { money, rate } from './money';

/** Report rows hold minor units and counts; these give them their GraphQL shape. */
export const SalesPeriod: Resolvers['SalesPeriod'] = {
  grossRevenue: (row) => money(row.grossCents),
  refunds: (row) => money(row.refundCents),
  netRevenue: (row) => money(row.grossCents - row.refundCents),
  averageOrderValue: (row) => money(row.averageCents),
};

export const PaymentRates: Resolvers['PaymentRates'] = {
  paymentAttempts: (row) => row.attempts,
  paymentFailures: (row) => row.failures,
  paymentFailureRate: (row) => rate(row.failures, row.attempts),
  paidOrders: (row) => row.paid,
  refundedOrders: (row) => row.refunded,
  refundRate: (row) => rate(row.refunded, row.paid),
  paidRevenue: (row) => money(row.paidCents),
  refundedRevenue: (row) => money(row.refundedCents),
  refundedRevenueRate: (row) => rate(row.refundedCents, row.paidCents),
};

export const ProductSales: Resolvers['ProductSales'] = {
  product: (row) => ({ id: row.id }),
  revenue: (row) => money(row.revenueCents),
};

export const CategorySales: Resolvers['CategorySales'] = {
  category: (row) => ({ id: row.id }),
  revenue: (row) => money(row.revenueCents),
};

export const StockOut: Resolvers['StockOut'] = { product: (row) => ({ id: row.productId }) };

export const LowStockDays: Resolvers['LowStockDays'] = { product: (row) => ({ id: row.productId }) };
