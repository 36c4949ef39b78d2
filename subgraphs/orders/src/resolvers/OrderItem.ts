import type { OrderItemResolvers } from '../__generated__/resolvers-types';

// Items carry no currency of their own: orders are single-currency.
const USD = 'USD';

export const OrderItem: OrderItemResolvers = {
  product: (item) => ({ __typename: 'Product', id: item.productId }),
  unitPrice: (item) => ({ amount: item.unitPriceCents, currency: USD }),
  lineTotal: (item) => ({ amount: item.unitPriceCents * item.quantity, currency: USD }),
};
