// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Product: '../product-reference#ProductReference',
  Stock: '../availability#StockLevel',
  Reservation: '../db/schema#ReservationRow',
  ReservationItem: '../db/schema#ReservationItemRow',
  OutOfStock: '../reservations/reserve-stock#OutOfStockResult',
  StockAdjustment: '../db/schema#StockAdjustmentRow',
  StockChangedEvent: '../subscriptions/stock-events#StockChangedEventSource',
};
