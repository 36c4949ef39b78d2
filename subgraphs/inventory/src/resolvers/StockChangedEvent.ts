import type { StockChangedEventResolvers } from '../__generated__/resolvers-types';

export const StockChangedEvent: StockChangedEventResolvers = {
  // The product as a reference: its own fields (stock, availability) resolve as on any Product, others come from their subgraphs.
  product: (event) => ({ id: event.productId }),
};
