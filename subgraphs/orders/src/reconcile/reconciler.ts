import { sql } from 'drizzle-orm';
import type { Logger } from '@shopgraph/logging';
import type { Commerce } from '../commerce';
import { findStuckPendingOrders } from '../db/queries/order-writes';
import type { ReconcileMetrics } from './reconcile-metrics';
import { reconcileOrder, type ReconcileOutcome } from './reconcile-order';

/** Any constant will do: the same for every orders replica on one database, and no other advisory lock uses it. */
const RECONCILER_LOCK_KEY = 7_424_130_518;

export interface ReconcileSettings {
  /** Stuck orders one pass takes at most. */
  batch: number;
  logger: Logger;
  metrics?: ReconcileMetrics;
}

/** What one pass did; null when another replica was running one (it is the leader for now). */
export type PassReport = Record<ReconcileOutcome | 'RETRY', number> | null;

/**
 * One pass: if this replica is the leader (a transaction-scoped advisory lock, let go when the pass
 * ends or its connection dies), ends every PENDING order past its lease. Orders are still claimed
 * one by one through their payment lease, so two passes at once (a lock lost to a network split,
 * a test) end each order once. An order whose end fails (a peer down) is retried next pass.
 */
export function reconcileStuckOrders(commerce: Commerce, settings: ReconcileSettings): Promise<PassReport> {
  return commerce.db.transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${RECONCILER_LOCK_KEY}) as leader`)) as unknown as { leader: boolean }[];
    settings.metrics?.passes.inc({ role: lock?.leader ? 'leader' : 'follower' });
    if (!lock?.leader) return null;
    const stuck = await findStuckPendingOrders(commerce.db, commerce.paymentLeaseSeconds, settings.batch);
    settings.metrics?.stuck.set(stuck.length);
    const report = { PAID: 0, PAYMENT_FAILED: 0, SKIPPED: 0, RETRY: 0 };
    for (const order of stuck) {
      const outcome = await reconcileOrder(commerce, order.id).catch((error: unknown) => {
        settings.logger.error({ err: error, orderId: order.id }, 'reconciling a stuck order failed; the next pass retries it');
        return 'RETRY' as const;
      });
      report[outcome] += 1;
      settings.metrics?.record(outcome);
      if (outcome === 'PAID' || outcome === 'PAYMENT_FAILED') {
        settings.logger.info({ orderId: order.id, outcome, createdAt: order.createdAt }, 'reconciler ended a stuck order');
      }
    }
    return report;
  });
}

/** Runs a pass every `intervalMs` (none when 0), never two at once here; stopping waits for the running pass. */
export function startReconciler(commerce: Commerce, settings: ReconcileSettings & { intervalMs: number }): () => Promise<void> {
  if (settings.intervalMs <= 0) return async () => {};
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    // A pass slowed by a peer that does not answer is not queued behind with more of them.
    if (running) return;
    running = reconcileStuckOrders(commerce, settings)
      .catch((error: unknown) => settings.logger.error({ err: error }, 'reconciler pass failed'))
      .finally(() => (running = null));
  }, settings.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
