import type { OrderStatusChangeResolvers } from '../__generated__/resolvers-types';

export const OrderStatusChange: OrderStatusChangeResolvers = {
  from: (change) => change.fromStatus,
  to: (change) => change.toStatus,
};
