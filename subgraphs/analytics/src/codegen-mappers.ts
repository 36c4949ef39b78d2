// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  SalesPeriod: '../db/queries/sales-report#SalesPeriodRow',
  PaymentRates: '../db/queries/sales-report#PaymentRatesRow',
  ProductSales: '../db/queries/product-report#SalesRow',
  CategorySales: '../db/queries/product-report#SalesRow',
  StockOut: '../db/queries/stock-report#StockOutRow',
  LowStockDays: '../db/queries/stock-report#LowStockDaysRow',
  ReviewPeriod: '../db/queries/review-report#ReviewPeriodRow',
  AnalyticsFreshness: '../db/queries/freshness#TopicFreshness',
};
