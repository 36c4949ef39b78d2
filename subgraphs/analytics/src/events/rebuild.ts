import { EventContracts, type CursoredEvent, type EventBus } from '@shopgraph/events';
import type { AnalyticsDb } from '../db/database';
import { truncateFacts } from '../db/queries/freshness';
import type { CategoryLookup } from '../peers/product-categories';
import { ANALYTICS_TOPICS, applyEvent } from './apply-event';

const PAGE = 500;

/**
 * The categories of every product a page's orders bought, asked in one call, so a rebuild makes one
 * request to the products subgraph per page instead of one per order.
 */
async function pageCategoryLookup(page: readonly CursoredEvent[], lookupCategories: CategoryLookup): Promise<CategoryLookup> {
  const productIds = new Set<string>();
  for (const { event } of page) {
    const order = event.topic === 'OrderCreated' ? EventContracts.OrderCreated.safeParse(event.payload) : undefined;
    for (const item of order?.success ? order.data.items : []) productIds.add(item.productId);
  }
  const categories = await lookupCategories([...productIds]);
  return async (ids) => new Map(ids.flatMap((id) => (categories.has(id) ? [[id, categories.get(id)!] as const] : [])));
}

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
      const lookup = await pageCategoryLookup(page, lookupCategories);
      for (const { event } of page) await applyEvent(db, lookup, event);
      read += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.cursor;
    }
  }
  return read;
}
