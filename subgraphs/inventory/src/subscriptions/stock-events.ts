import { EventContracts } from '@shopgraph/events';
import { eventDecoder } from '@shopgraph/subscriptions';

/** The topic inventory writes stock changes to (through its outbox and the event bus). */
export const STOCK_CHANGED_TOPIC = 'StockChanged';

/** What a StockChangedEvent resolves from. */
export interface StockChangedEventSource {
  cursor: string;
  productId: string;
  available: number;
  /** When the change was committed (ISO 8601). */
  at: string;
}

/** The event as subscriptions see it, or null when it is not a well-formed stock change. */
export const toStockChangedEvent = eventDecoder(EventContracts.StockChanged, (payload, cursor, at): StockChangedEventSource => ({
  cursor,
  productId: payload.productId,
  available: payload.available,
  at,
}));
