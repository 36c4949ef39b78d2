import type { Logger } from '@shopgraph/logging';
import type { InventoryDb } from '../db/database';
import type { InventoryCaches } from '../entity-caches';
import { releaseExpiredHolds } from './settle-reservation';

export const SWEEP_INTERVAL_MS = 2_000;

/** Releases expired holds every couple of seconds, so an abandoned checkout gives its stock back by itself. */
export function startExpirySweeper(db: InventoryDb, caches: InventoryCaches, logger: Logger, intervalMs = SWEEP_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const sweep = async () => {
    try {
      const changed = await releaseExpiredHolds(db);
      if (changed.length > 0) {
        await caches.stockByProductId.invalidate(changed);
        logger.info({ products: changed.length }, 'released expired reservations');
      }
    } catch (error) {
      logger.error({ err: error }, 'releasing expired reservations failed');
    }
  };
  const timer = setInterval(() => {
    running = running.then(sweep);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
