import { EventContracts, type DomainEvent, type EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { ProductsDb } from '../db/database';
import { applyAvailableUnits, applyRating } from '../db/queries/product-signals';

/** The consumer group all products processes share: each event is applied by one of them. */
export const SIGNALS_GROUP = 'products-signals';

async function applySignal(db: ProductsDb, event: DomainEvent): Promise<void> {
  if (event.topic === 'StockChanged') {
    const stock = EventContracts.StockChanged.parse(event.payload);
    await applyAvailableUnits(db, stock.productId, stock.available, stock.version);
  } else if (event.topic === 'RatingChanged') {
    const rating = EventContracts.RatingChanged.parse(event.payload);
    await applyRating(db, rating.productId, rating.average, rating.count, rating.version);
  }
}

/**
 * Keeps the copies of stock and rating that search filters and sorts on. Applying is idempotent
 * (versions), so the bus's at-least-once delivery is enough.
 */
export function startSignalConsumer(db: ProductsDb, bus: EventBus, logger: Logger): Promise<() => Promise<void>> {
  return bus.subscribe({
    topics: ['StockChanged', 'RatingChanged'],
    group: SIGNALS_GROUP,
    handle: async (event) => {
      try {
        await applySignal(db, event);
      } catch (error) {
        logger.warn({ err: error, eventId: event.id }, 'could not apply a stock or rating event; it will be retried');
        throw error;
      }
    },
  });
}
