import type { EventBus } from '@shopgraph/events';
import type { AnalyticsDb } from '../db/database';
import { truncateFacts } from '../db/queries/freshness';
import type { CategoryLookup } from '../peers/product-categories';
import { ANALYTICS_TOPICS, applyEvent } from './apply-event';

const PAGE = 500;

/**
 * Empties the fact tables and applies every event the streams still hold, oldest first. The live
 * consumer keeps running meanwhile: an event both of them get is applied once (processed_events),
 * and one it applied before the truncation is still in the stream, so the rebuild applies it again.
 * Returns how many events were read.
 */
export async function rebuildFromHistory(db: AnalyticsDb, bus: EventBus, lookupCategories: CategoryLookup): Promise<number> {
  await db.transaction((tx) => truncateFacts(tx));
  let read = 0;
  for (const topic of ANALYTICS_TOPICS) {
    let after = '0-0';
    for (;;) {
      const page = await bus.history(topic, after, PAGE);
      for (const { event } of page) await applyEvent(db, lookupCategories, event);
      read += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.cursor;
    }
  }
  return read;
}
