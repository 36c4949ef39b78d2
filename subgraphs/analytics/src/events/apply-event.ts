import { EventContracts, type DomainEvent, type EventTopic } from '@shopgraph/events';
import type { AnalyticsDb } from '../db/database';
import { claimEvent, insertOrderFacts, insertRatingFact, insertStatusFact, insertStockFact } from '../db/queries/fact-writes';
import type { CategoryLookup } from '../peers/product-categories';

/** The topics analytics reads, all from the start of their streams. */
export const ANALYTICS_TOPICS = ['OrderCreated', 'OrderStatusChanged', 'StockChanged', 'RatingChanged'] as const satisfies readonly EventTopic[];

/**
 * Turns one event into facts. The payload is parsed before anything is written (a malformed event
 * throws and is dead-lettered); the event is claimed in the facts' transaction, so a redelivery,
 * or a rebuild reading an event the live consumer also got, writes nothing more.
 */
export async function applyEvent(db: AnalyticsDb, lookupCategories: CategoryLookup, event: DomainEvent): Promise<void> {
  const at = new Date(event.occurredAt);
  switch (event.topic) {
    case 'OrderCreated': {
      const order = EventContracts.OrderCreated.parse(event.payload);
      // Asked before the transaction: no connection is held while the products subgraph answers.
      const categories = await lookupCategories([...new Set(order.items.map((item) => item.productId))]);
      await db.transaction(async (tx) => {
        if (await claimEvent(tx, event)) await insertOrderFacts(tx, order, categories);
      });
      return;
    }
    case 'OrderStatusChanged': {
      const change = EventContracts.OrderStatusChanged.parse(event.payload);
      await db.transaction(async (tx) => {
        if (await claimEvent(tx, event)) await insertStatusFact(tx, change);
      });
      return;
    }
    case 'StockChanged': {
      const stock = EventContracts.StockChanged.parse(event.payload);
      await db.transaction(async (tx) => {
        if (await claimEvent(tx, event)) await insertStockFact(tx, stock, at);
      });
      return;
    }
    case 'RatingChanged': {
      const rating = EventContracts.RatingChanged.parse(event.payload);
      await db.transaction(async (tx) => {
        if (await claimEvent(tx, event)) await insertRatingFact(tx, rating, at);
      });
      return;
    }
  }
}
