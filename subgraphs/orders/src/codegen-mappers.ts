// Parent types for generated resolver types: what our resolvers really hold for each GraphQL type.
export const mappers = {
  Order: '../db/schema#OrderRow',
  OrderItem: '../db/schema#OrderItemRow',
  User: '../references#UserReference',
  Review: '../references#ReviewReference',
  OrderStatusChange: '../db/schema#OrderStatusChangeRow',
  OrderStatusEvent: '../subscriptions/order-status-events#OrderStatusEventSource',
  PaymentAttempt: '../db/schema#PaymentRow',
  Email: '../db/schema#EmailRow',
  TextMessage: '../db/schema#TextMessageRow',
  Cart: '../cart/price-cart#PricedCart',
  CartLine: '../cart/price-cart#PricedCartLine',
  OrderPlaced: '../checkout/checkout-result#OrderPlacedResult',
  PaymentFailed: '../checkout/checkout-result#PaymentFailedResult',
  CheckoutOutOfStock: '../checkout/checkout-result#OutOfStockResult',
  PriceChanged: '../checkout/checkout-result#PriceChangedResult',
  PriceChange: '../checkout/checkout-result#PriceChangeRow',
};
