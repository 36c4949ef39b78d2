import { DateTimeScalar } from '@shopgraph/server';
import type { Resolvers } from '../__generated__/resolvers-types';
import { rebuildAnalytics } from './Mutation/rebuildAnalytics';
import { analyticsFreshness } from './Query/analyticsFreshness';
import { lowStockDays } from './Query/lowStockDays';
import { paymentRates } from './Query/paymentRates';
import { reviewTrend } from './Query/reviewTrend';
import { salesByPeriod } from './Query/salesByPeriod';
import { stockOuts } from './Query/stockOuts';
import { topCategories } from './Query/topCategories';
import { topProducts } from './Query/topProducts';
import { CategorySales, LowStockDays, PaymentRates, ProductSales, SalesPeriod, StockOut } from './reports';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { salesByPeriod, topProducts, topCategories, paymentRates, stockOuts, lowStockDays, reviewTrend, analyticsFreshness },
  Mutation: { rebuildAnalytics },
  SalesPeriod,
  PaymentRates,
  ProductSales,
  CategorySales,
  StockOut,
  LowStockDays,
};
