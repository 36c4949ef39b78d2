import { requireSignedIn } from '@shopgraph/server';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types';
import { afterArgument, scopeOf } from '@shopgraph/subscriptions';
import { orderStatusEvents, type OrderStatusEventSource } from '../../subscriptions/order-status-events';

/** Changes of every order of the viewer's. */
export const myOrderUpdates: SubscriptionResolvers['myOrderUpdates'] = {
  subscribe: (_, { after }, context) => {
    const userId = requireSignedIn(context.viewer);
    return orderStatusEvents(scopeOf(context), afterArgument(after), (event) => event.userId === userId);
  },
  resolve: (event: OrderStatusEventSource) => event,
};
