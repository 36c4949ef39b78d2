import { EventContracts } from '@shopgraph/events';
import { eventDecoder } from '@shopgraph/subscriptions';

/** The topic reviews writes rating changes to (through its outbox and the event bus). */
export const RATING_CHANGED_TOPIC = 'RatingChanged';

/** What a RatingChangedEvent resolves from. */
export interface RatingChangedEventSource {
  cursor: string;
  productId: string;
  average: number | null;
  count: number;
  /** When the change was committed (ISO 8601). */
  at: string;
}

/** The event as subscriptions see it, or null when it is not a well-formed rating change. */
export const toRatingChangedEvent = eventDecoder(EventContracts.RatingChanged, (payload, cursor, at): RatingChangedEventSource => ({
  cursor,
  productId: payload.productId,
  average: payload.average,
  count: payload.count,
  at,
}));
