import type { CheckoutOutOfStockResolvers, CheckoutResultResolvers, PriceChangeResolvers } from '../__generated__/resolvers-types';

const USD = 'USD';

export const CheckoutResult: CheckoutResultResolvers = {
  __resolveType: (result) => result.__typename,
};

export const CheckoutOutOfStock: CheckoutOutOfStockResolvers = {
  products: (result) => result.productIds.map((id) => ({ __typename: 'Product', id })),
};

export const PriceChange: PriceChangeResolvers = {
  product: (change) => ({ __typename: 'Product', id: change.productId }),
  previous: (change) => ({ amount: change.previousCents, currency: USD }),
  current: (change) => ({ amount: change.currentCents, currency: USD }),
};
