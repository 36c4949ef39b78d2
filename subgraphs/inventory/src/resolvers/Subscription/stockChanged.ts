import { parseId } from '@shopgraph/server';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types';
import { afterArgument, scopeOf } from '@shopgraph/subscriptions';
import { STOCK_CHANGED_TOPIC, toStockChangedEvent, type StockChangedEventSource } from '../../subscriptions/stock-events';

/** One product's stock changes: public, as its stock is on the product page. */
export const stockChanged: SubscriptionResolvers['stockChanged'] = {
  subscribe: (_, { productId, after }, context) => {
    const id = parseId(productId, 'productId');
    return scopeOf(context).events(STOCK_CHANGED_TOPIC, afterArgument(after), (entry) => {
      const event = toStockChangedEvent(entry);
      return event?.productId === id ? event : null;
    });
  },
  resolve: (event: StockChangedEventSource) => event,
};
