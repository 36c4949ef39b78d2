import { isUuid } from '@shopgraph/server';
import type { OrderResolvers } from '../__generated__/resolvers-types';

export const Order: OrderResolvers = {
  __resolveReference: (reference, { loaders }) => (isUuid(reference.id) ? loaders.orderById.load(reference.id.toLowerCase()) : null),
  user: (order) => ({ id: order.userId }),
  items: (order, _, { loaders }) => loaders.itemsByOrderId.load(order.id),
  total: (order) => ({ amount: order.totalCents, currency: order.currency }),
};
