import DataLoader from 'dataloader';

/**
 * Switches for the benchmark's baseline, read once at start: SHOPGRAPH_LOADER_BATCHING=off makes
 * every load its own statement (the N+1 a naive server has), SHOPGRAPH_ENTITY_CACHE=off skips the
 * shared cache. Both are on unless set to off.
 */
export const loaderSettings = {
  batching: process.env.SHOPGRAPH_LOADER_BATCHING !== 'off',
  entityCache: process.env.SHOPGRAPH_ENTITY_CACHE !== 'off',
};

/** Puts rows back in the order of the keys asked for; a key with no row gets null. */
export function orderByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): (R | null)[] {
  const byKey = new Map<K, R>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return keys.map((key) => byKey.get(key) ?? null);
}

/** Groups rows by a parent key, in key order; a key with no rows gets []. */
export function groupByKeys<K, R>(keys: readonly K[], rows: readonly R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = byKey.get(key);
    if (group) group.push(row);
    else byKey.set(key, [row]);
  }
  return keys.map((key) => byKey.get(key) ?? []);
}

/**
 * A per-request loader of one entity by a unique key: one batch is one call of `fetchMany`
 * (one SQL statement), results in key order, missing keys as null.
 */
export function createEntityLoader<K, R>(fetchMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => orderByKeys(keys, await fetchMany(keys), keyOf), { batch: loaderSettings.batching });
}

/** A per-request loader of the children of many parents in one call of `fetchMany`. */
export function createGroupLoader<K, R>(fetchMany: (keys: readonly K[]) => Promise<R[]>, keyOf: (row: R) => K): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => groupByKeys(keys, await fetchMany(keys), keyOf), { batch: loaderSettings.batching });
}

export { DataLoader };

export { EntityCache, type EntityCacheOptions } from './entity-cache';

/**
 * A per-request loader over a shared EntityCache: the batch reads the cache first and sends one
 * SQL statement for the misses only.
 */
export function createCachedEntityLoader<K extends string, R>(
  cache: import('./entity-cache').EntityCache<K, R>,
  fetchMany: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  if (!loaderSettings.entityCache) return createEntityLoader(fetchMany, keyOf);
  return new DataLoader<K, R | null>((keys) => cache.load(keys, fetchMany, keyOf), { batch: loaderSettings.batching });
}
export { decodeRow, isRecord } from './decode';
