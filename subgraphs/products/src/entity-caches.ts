import type { Cache } from '@shopgraph/cache';
import type { Logger } from '@shopgraph/logging';
import { decodeRow, EntityCache, isRecord } from '@shopgraph/loaders';
import type { CategoryRow, ProductRow } from './db/schema';

/** A cached product row, or null when it is not one (corrupt or of another shape: a miss). */
export function decodeProduct(value: unknown): ProductRow | null {
  const row = decodeRow<ProductRow>(value, ['priceCents'], ['createdAt'], ['archivedAt']);
  return row && typeof row.id === 'string' && typeof row.sku === 'string' ? row : null;
}

export function decodeCategory(value: unknown): CategoryRow | null {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.name !== 'string' || typeof value.slug !== 'string') return null;
  return value as unknown as CategoryRow;
}

/** The products subgraph's shared caches, made once per process. Catalog rows change rarely; writes invalidate. */
export function createProductsCaches(cache: Cache, schemaVersion: string, logger: Logger) {
  const onCacheError = (error: unknown) => logger.warn({ err: error }, 'entity cache unavailable; reading Postgres');
  return {
    productById: new EntityCache<string, ProductRow>({ cache, entity: 'product', schemaVersion, ttlSeconds: 300, decode: decodeProduct, onCacheError }),
    productBySku: new EntityCache<string, ProductRow>({ cache, entity: 'product-by-sku', schemaVersion, ttlSeconds: 300, decode: decodeProduct, onCacheError }),
    categoryById: new EntityCache<string, CategoryRow>({ cache, entity: 'category', schemaVersion, ttlSeconds: 3600, decode: decodeCategory, onCacheError }),
  };
}

export type ProductsCaches = ReturnType<typeof createProductsCaches>;
