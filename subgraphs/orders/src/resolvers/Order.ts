import { isSelfOrAdmin, isUuid } from '@shopgraph/server';
import type { OrderResolvers } from '../__generated__/resolvers-types';

export const Order: OrderResolvers = {
  // An order reached from another subgraph is still only its customer's (and admins').
  __resolveReference: async (reference, { loaders, viewer }) => {
    const found = isUuid(reference.id) ? await loaders.orderById.load(reference.id.toLowerCase()) : null;
    return found && isSelfOrAdmin(viewer, found.userId) ? found : null;
  },
  user: (order) => ({ id: order.userId }),
  items: (order, _, { loaders }) => loaders.itemsByOrderId.load(order.id),
  total: (order) => ({ amount: order.totalCents, currency: order.currency }),
  paid: (order) => ({ amount: order.paidCents, currency: order.currency }),
  refunded: (order) => ({ amount: order.refundedCents, currency: order.currency }),
  shipment: (order) => (order.carrier && order.trackingNumber ? { carrier: order.carrier, trackingNumber: order.trackingNumber } : null),
  history: (order, _, { loaders }) => loaders.historyByOrderId.load(order.id),
  payments: (order, _, { loaders }) => loaders.paymentsByOrderId.load(order.id),
};
