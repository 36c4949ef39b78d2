import type { OrderStatusEventResolvers } from '../__generated__/resolvers-types';

export const OrderStatusEvent: OrderStatusEventResolvers = {
  // Read per event with the event's own loaders, so it is the order as it is now.
  order: async (event, _, { loaders }) => (await loaders.orderById.load(event.orderId))!,
};
