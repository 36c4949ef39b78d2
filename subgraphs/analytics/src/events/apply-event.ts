import { EventContracts, type DomainEvent, type EventPayload, type EventTopic } from '@shopgraph/events';
import type { AnalyticsDb } from '../db/database';
import { claimEvents, insertOrderFacts, insertRatingFacts, insertRefundFacts, insertStatusFacts, insertStockFacts } from '../db/queries/fact-writes';
import type { CategoryLookup } from '../peers/product-categories';

/** The topics analytics reads, all from the start of their streams. */
export const ANALYTICS_TOPICS = [
  'OrderCreated',
  'OrderStatusChanged',
  'OrderRefunded',
  'StockChanged',
  'RatingChanged',
] as const satisfies readonly EventTopic[];

export type AnalyticsTopic = (typeof ANALYTICS_TOPICS)[number];

type Fact =
  | { topic: 'OrderCreated'; order: EventPayload<'OrderCreated'> }
  | { topic: 'OrderStatusChanged'; change: EventPayload<'OrderStatusChanged'> }
  | { topic: 'OrderRefunded'; refund: EventPayload<'OrderRefunded'> }
  | { topic: 'StockChanged'; stock: EventPayload<'StockChanged'>; at: Date }
  | { topic: 'RatingChanged'; rating: EventPayload<'RatingChanged'>; at: Date };

/** Parses a payload with its topic's contract: a malformed one throws. */
function parseFact(event: DomainEvent): Fact {
  const at = new Date(event.occurredAt);
  switch (event.topic as AnalyticsTopic) {
    case 'OrderCreated':
      return { topic: 'OrderCreated', order: EventContracts.OrderCreated.parse(event.payload) };
    case 'OrderStatusChanged':
      return { topic: 'OrderStatusChanged', change: EventContracts.OrderStatusChanged.parse(event.payload) };
    case 'OrderRefunded':
      return { topic: 'OrderRefunded', refund: EventContracts.OrderRefunded.parse(event.payload) };
    case 'StockChanged':
      return { topic: 'StockChanged', stock: EventContracts.StockChanged.parse(event.payload), at };
    case 'RatingChanged':
      return { topic: 'RatingChanged', rating: EventContracts.RatingChanged.parse(event.payload), at };
    default:
      throw new Error(`analytics does not read ${event.topic}`);
  }
}

const ofTopic = <T extends Fact['topic']>(facts: readonly Fact[], topic: T) =>
  facts.filter((fact): fact is Extract<Fact, { topic: T }> => fact.topic === topic);

/**
 * Turns events into facts, in one transaction. Payloads are parsed before anything is written (a
 * malformed event throws and is dead-lettered), and the categories of the orders' products asked
 * once for the batch; each event is claimed in the facts' transaction
 * and only the facts of events not claimed before are written, so a redelivery, a rebuild reading
 * an event the live consumer also got, or the demo history seeded again writes nothing more.
 * Returns how many events were new.
 */
export async function applyEvents(db: AnalyticsDb, lookupCategories: CategoryLookup, events: readonly DomainEvent[]): Promise<number> {
  const unique = [...new Map(events.map((event) => [event.id, event])).values()];
  const parsed = unique.map((event) => ({ id: event.id, fact: parseFact(event) }));
  const orders = ofTopic(
    parsed.map(({ fact }) => fact),
    'OrderCreated',
  );
  // Asked before the transaction: no connection is held while the products subgraph answers.
  const categories = await lookupCategories([...new Set(orders.flatMap(({ order }) => order.items.map((item) => item.productId)))]);
  return db.transaction(async (tx) => {
    const claimed = await claimEvents(tx, unique);
    const facts = parsed.filter(({ id }) => claimed.has(id)).map(({ fact }) => fact);
    await insertOrderFacts(
      tx,
      ofTopic(facts, 'OrderCreated').map(({ order }) => order),
      categories,
    );
    await insertStatusFacts(
      tx,
      ofTopic(facts, 'OrderStatusChanged').map(({ change }) => change),
    );
    await insertRefundFacts(
      tx,
      ofTopic(facts, 'OrderRefunded').map(({ refund }) => refund),
    );
    await insertStockFacts(tx, ofTopic(facts, 'StockChanged'));
    await insertRatingFacts(tx, ofTopic(facts, 'RatingChanged'));
    return claimed.size;
  });
}

/** One event, as the live consumer gets it. */
export async function applyEvent(db: AnalyticsDb, lookupCategories: CategoryLookup, event: DomainEvent): Promise<void> {
  await applyEvents(db, lookupCategories, [event]);
}
