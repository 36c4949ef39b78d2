import { parseId, requireRole } from '@shopgraph/server';
import { markDelivered as deliver } from '../../lifecycle/order-actions';
import type { MutationResolvers } from '../../__generated__/resolvers-types';

export const markDelivered: MutationResolvers['markDelivered'] = (_, { orderId }, { commerce, viewer }) =>
  deliver(commerce, requireRole(viewer, 'ADMIN'), parseId(orderId, 'orderId'));
