import { Counter, Gauge, Histogram } from 'prom-client';
import { ServiceMetrics } from '@shopgraph/server';

/** The gateway's metrics on top of every service's (requests, latency, errors by code). */
export class GatewayMetrics extends ServiceMetrics {
  readonly subgraphFetch: Histogram<'subgraph' | 'outcome'>;
  readonly persistedQueries: Counter<'result'>;
  readonly operationDocuments: Counter<'result'>;
  readonly rateLimited: Counter<'limit'>;
  private openSubscriptionsNow: () => number = () => 0;

  constructor() {
    super('gateway');
    const registers = [this.registry];
    this.subgraphFetch = new Histogram({
      name: 'shopgraph_subgraph_fetch_duration_seconds',
      help: 'Gateway-to-subgraph requests, by subgraph and outcome (ok, error, timeout)',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.persistedQueries = new Counter({
      name: 'shopgraph_persisted_query_lookups_total',
      help: 'Operations sent by hash: hit (found in the shared store or manifest), miss, or registered',
      labelNames: ['result'],
      registers,
    });
    this.operationDocuments = new Counter({
      name: 'shopgraph_operation_documents_total',
      help: 'Operation texts by what they took: cached (this text before), normalised (a known operation in a new text), parsed (parsed and validated)',
      labelNames: ['result'],
      registers,
    });
    this.rateLimited = new Counter({
      name: 'shopgraph_rate_limited_total',
      help: 'Operations refused with RATE_LIMITED, by the budget spent',
      labelNames: ['limit'],
      registers,
    });
    const openNow = () => this.openSubscriptionsNow();
    new Gauge({
      name: 'shopgraph_open_subscriptions',
      help: 'Subscriptions open on this gateway process, WebSocket and SSE together',
      registers,
      collect() {
        this.set(openNow());
      },
    });
  }

  /** Where the open-subscriptions gauge reads its value at each scrape. */
  countOpenSubscriptionsWith(count: () => number): void {
    this.openSubscriptionsNow = count;
  }
}
