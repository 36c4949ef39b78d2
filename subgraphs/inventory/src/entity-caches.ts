import type { Cache } from '@shopgraph/cache';
import type { Logger } from '@shopgraph/logging';
import { decodeRow, EntityCache } from '@shopgraph/loaders';
import type { StockRow } from './db/schema';

/**
 * Stock rows, shared by every process. Kept briefly: reservations will change them often, and
 * every stock write invalidates its rows after commit.
 */
export function createInventoryCaches(cache: Cache, schemaVersion: string, logger: Logger) {
  return {
    stockByProductId: new EntityCache<string, StockRow>({
      cache,
      entity: 'stock',
      schemaVersion,
      ttlSeconds: 30,
      decode: (value) => decodeRow<StockRow>(value, ['onHand', 'reserved', 'lowStockThreshold'], ['updatedAt']),
      onCacheError: (error) => logger.warn({ err: error }, 'entity cache unavailable; reading Postgres'),
    }),
  };
}

export type InventoryCaches = ReturnType<typeof createInventoryCaches>;
