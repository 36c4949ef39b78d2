import type { RatingChangedEventResolvers } from '../__generated__/resolvers-types';

export const RatingChangedEvent: RatingChangedEventResolvers = {
  // A reference: its rating and reviews resolve as on any Product (read now), the rest from their subgraphs.
  product: (event) => ({ id: event.productId }),
};
