import { parseId } from '@shopgraph/server';
import { afterArgument, scopeOf } from '@shopgraph/subscriptions';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types';
import { RATING_CHANGED_TOPIC, toRatingChangedEvent, type RatingChangedEventSource } from '../../subscriptions/rating-events';

/** One product's rating as its reviews are published or withdrawn: public, as reviews are. */
export const ratingChanged: SubscriptionResolvers['ratingChanged'] = {
  subscribe: (_, { productId, after }, context) => {
    const id = parseId(productId, 'productId');
    return scopeOf(context).events(RATING_CHANGED_TOPIC, afterArgument(after), (entry) => {
      const event = toRatingChangedEvent(entry);
      return event?.productId === id ? event : null;
    });
  },
  resolve: (event: RatingChangedEventSource) => event,
};
