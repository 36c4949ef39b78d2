import type { CartLineResolvers, CartResolvers } from '../__generated__/resolvers-types';

export const Cart: CartResolvers = {
  subtotal: (cart) => ({ amount: cart.subtotalCents, currency: cart.currency }),
  itemCount: (cart) => cart.lines.reduce((sum, line) => sum + line.quantity, 0),
  readyForCheckout: (cart) => cart.lines.length > 0 && cart.lines.every((line) => line.problems.length === 0),
};

export const CartLine: CartLineResolvers = {
  product: (line) => ({ __typename: 'Product', id: line.productId }),
  unitPrice: (line) => ({ amount: line.unitPriceCents, currency: line.currency }),
  lineTotal: (line) => ({ amount: line.unitPriceCents * line.quantity, currency: line.currency }),
  availableQuantity: (line) => line.available,
};
