import type { EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { AnalyticsDb } from '../db/database';
import type { CategoryLookup } from '../peers/product-categories';
import { ANALYTICS_TOPICS, applyEvent } from './apply-event';

/** The consumer group of every analytics process: each event is turned into facts by one of them. */
export const ANALYTICS_GROUP = 'analytics-facts';

/**
 * Reads orders, stock and rating events into the fact tables. The group starts at the beginning
 * of each stream, so an analytics deployed after the shop opened still gets the retained history.
 */
export function startAnalyticsConsumer(db: AnalyticsDb, bus: EventBus, lookupCategories: CategoryLookup, logger: Logger): Promise<() => Promise<void>> {
  return bus.subscribe({
    topics: ANALYTICS_TOPICS,
    group: ANALYTICS_GROUP,
    handle: async (event) => {
      try {
        await applyEvent(db, lookupCategories, event);
      } catch (error) {
        logger.warn({ err: error, eventId: event.id }, 'could not apply an event to analytics; it will be retried');
        throw error;
      }
    },
  });
}
