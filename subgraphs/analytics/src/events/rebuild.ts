import type { EventBus } from '@shopgraph/events';
import type { AnalyticsDb } from '../db/database';
import { hasDemoFacts } from '../db/queries/fact-writes';
import { truncateFacts } from '../db/queries/freshness';
import { DEMO_EVENT_PREFIX } from '../demo/demo-events';
import { seedDemoFacts } from '../demo/seed-demo-facts';
import type { CategoryLookup } from '../peers/product-categories';
import { ANALYTICS_TOPICS, applyEvents } from './apply-event';

const PAGE = 500;

/**
 * Empties the fact tables and applies every event the streams still hold, oldest first, a page per
 * transaction, one products call each (and the demo history again when it had been seeded). The live
 * consumer keeps running meanwhile: an event both of them get is applied once (processed_events),
 * and one it applied before the truncation is still in the stream, so the rebuild applies it again.
 * Returns how many events were read from the streams.
 */
export async function rebuildFromHistory(db: AnalyticsDb, bus: EventBus, lookupCategories: CategoryLookup): Promise<number> {
  const demo = await db.transaction(async (tx) => {
    const seeded = await hasDemoFacts(tx, DEMO_EVENT_PREFIX);
    await truncateFacts(tx);
    return seeded;
  });
  // The demo history was never on the bus: it is applied again as it was seeded.
  if (demo) await seedDemoFacts(db);
  let read = 0;
  for (const topic of ANALYTICS_TOPICS) {
    let after = '0-0';
    for (;;) {
      const page = await bus.history(topic, after, PAGE);
      await applyEvents(
        db,
        lookupCategories,
        page.map(({ event }) => event),
      );
      read += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.cursor;
    }
  }
  return read;
}
