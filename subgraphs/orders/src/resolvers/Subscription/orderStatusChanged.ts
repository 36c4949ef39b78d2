import { GraphQLError } from 'graphql';
import { ErrorCode, isSelfOrAdmin, parseId, requireSignedIn } from '@shopgraph/server';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types';
import { afterArgument, scopeOf } from '@shopgraph/subscriptions';
import { orderStatusEvents, type OrderStatusEventSource } from '../../subscriptions/order-status-events';

/** One order's changes: its customer's and admins' only, as `Query.order` decides. */
export const orderStatusChanged: SubscriptionResolvers['orderStatusChanged'] = {
  subscribe: async (_, { orderId, after }, context) => {
    requireSignedIn(context.viewer);
    const from = afterArgument(after);
    const id = parseId(orderId, 'orderId');
    const found = await context.loaders.orderById.load(id);
    if (!found) throw new GraphQLError('No order with this id', { extensions: { code: ErrorCode.NOT_FOUND } });
    if (!isSelfOrAdmin(context.viewer, found.userId)) {
      throw new GraphQLError('Only the customer and admins can follow an order', { extensions: { code: ErrorCode.FORBIDDEN } });
    }
    return orderStatusEvents(scopeOf(context), from, (event) => event.orderId === id);
  },
  resolve: (event: OrderStatusEventSource) => event,
};
