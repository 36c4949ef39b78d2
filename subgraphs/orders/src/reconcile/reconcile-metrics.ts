import { Counter, Gauge, type Registry } from 'prom-client';
import type { ReconcileOutcome } from './reconcile-order';

/** The reconciler's metrics, on the orders service's /metrics. */
export class ReconcileMetrics {
  /** Stuck orders ended, by outcome (paid, payment_failed); `retry` counts orders a pass could not end yet. */
  readonly reconciled: Counter<'outcome'>;
  /** PENDING orders past their lease that the last pass found: above zero for long means orders are not ending. */
  readonly stuck: Gauge;
  /** Passes run, by role: `leader` ran one, `follower` found another replica running it. */
  readonly passes: Counter<'role'>;

  constructor(registry: Registry) {
    const registers = [registry];
    this.reconciled = new Counter({
      name: 'shopgraph_orders_reconciled_total',
      help: 'Orders stuck in PENDING that the reconciler ended, by outcome (paid, payment_failed) or retry',
      labelNames: ['outcome'],
      registers,
    });
    this.stuck = new Gauge({ name: 'shopgraph_orders_stuck_pending', help: 'PENDING orders past their payment lease at the last reconciler pass', registers });
    this.passes = new Counter({
      name: 'shopgraph_orders_reconcile_passes_total',
      help: 'Reconciler passes, by role (leader ran it, follower skipped it)',
      labelNames: ['role'],
      registers,
    });
  }

  record(outcome: ReconcileOutcome | 'RETRY'): void {
    if (outcome !== 'SKIPPED') this.reconciled.inc({ outcome: outcome.toLowerCase() });
  }
}
