import { EventContracts, type CursoredEvent } from '@shopgraph/events';

/** The topic inventory writes stock changes to (through its outbox and the event bus). */
export const STOCK_CHANGED_TOPIC = 'StockChanged';

/** What a StockChangedEvent resolves from. */
export interface StockChangedEventSource {
  cursor: string;
  productId: string;
  available: number;
}

// Every subscription's filter sees the same entry object: parse it once.
const decoded = new WeakMap<CursoredEvent, StockChangedEventSource | null>();

/** The event as subscriptions see it, or null when it is not a well-formed stock change. */
export function toStockChangedEvent(entry: CursoredEvent): StockChangedEventSource | null {
  if (decoded.has(entry)) return decoded.get(entry)!;
  const parsed = EventContracts.StockChanged.safeParse(entry.event.payload);
  const event = parsed.success ? { cursor: entry.cursor, productId: parsed.data.productId, available: parsed.data.available } : null;
  decoded.set(entry, event);
  return event;
}
