import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RedisCircuit } from '@shopgraph/cache';
import type { EventBus } from '@shopgraph/events';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { statelessPlugin } from './stateless-plugin';

/** Operation names are client input: past this many distinct ones, the rest share one label. */
const MAX_OPERATION_LABELS = 200;
const OTHER_OPERATIONS = '(other)';

/**
 * One service's Prometheus metrics, in a registry of its own: the all-in-one mode runs six
 * services in one process, and each serves only its own /metrics.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly sqlStatements: Counter;
  readonly entityCache: Counter<'result'>;
  private readonly operationNames = new Set<string>();
  /** Whether the entity cache's hit and miss series exist yet (made by the first request, at 0 or more). */
  private entityCacheSeries = false;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    // prom-client's process and Node.js metrics (process_cpu_seconds_total, process_resident_memory_bytes,
    // nodejs_eventloop_lag_seconds, nodejs_heap_size_used_bytes, nodejs_gc_duration_seconds...),
    // read at scrape time. In the all-in-one mode each service's registry reports the one process.
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'shopgraph_graphql_requests_total',
      help: 'GraphQL operations, by operation name and outcome (ok or error)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'shopgraph_graphql_request_duration_seconds',
      help: 'Time from request to response, by operation name',
      labelNames: ['operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'shopgraph_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.sqlStatements = new Counter({ name: 'shopgraph_sql_statements_total', help: 'SQL statements sent while serving GraphQL requests', registers });
    this.entityCache = new Counter({
      name: 'shopgraph_entity_cache_lookups_total',
      help: 'Shared entity cache lookups, by result (hit or miss)',
      labelNames: ['result'],
      registers,
    });
  }

  /** The label for an operation name, bounded so clients cannot grow the metric without end. */
  operationLabel(name: string | null | undefined): string {
    const label = name || '(anonymous)';
    if (this.operationNames.has(label)) return label;
    if (this.operationNames.size >= MAX_OPERATION_LABELS) return OTHER_OPERATIONS;
    this.operationNames.add(label);
    return label;
  }

  /**
   * How long after its transaction each event reached this service's consumer groups (named
   * `<service>-<purpose>`): from the outbox row's creation to handled or dead-lettered, so the
   * outbox relay's delay counts too. Returns the function that stops watching.
   */
  watchEventDeliveries(bus: EventBus): () => void {
    const lag = new Histogram({
      name: 'shopgraph_event_delivery_lag_seconds',
      help: "Seconds from an event's commit to its delivery to a consumer group, by group, topic and outcome (handled or dead-lettered)",
      labelNames: ['group', 'topic', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [this.registry],
    });
    const prefix = `${this.service}-`;
    return bus.onDelivery(({ group, event, outcome }) => {
      if (!group.startsWith(prefix)) return;
      lag.observe({ group, topic: event.topic, outcome }, Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
    });
  }

  /** Reports the Redis circuit's state and what it spared Redis, read at each scrape. */
  watchRedisCircuit(circuit: RedisCircuit): void {
    const registers = [this.registry];
    new Gauge({
      name: 'shopgraph_redis_circuit_state',
      help: "1 for the Redis circuit's current state (closed: Redis is asked; open: calls fail at once; half-open: one probe runs)",
      labelNames: ['state'],
      registers,
      collect() {
        for (const state of ['closed', 'open', 'half-open'] as const) this.set({ state }, circuit.state === state ? 1 : 0);
      },
    });
    // Counters whose totals the circuit keeps: set from it at each scrape.
    new Counter({
      name: 'shopgraph_redis_calls_skipped_total',
      help: 'Redis calls refused at once because the circuit was open, without waiting on Redis',
      registers,
      collect() {
        this.reset();
        this.inc(circuit.skipped);
      },
    });
    new Counter({
      name: 'shopgraph_redis_circuit_opened_total',
      help: 'Times the Redis circuit opened after consecutive failed calls',
      registers,
      collect() {
        this.reset();
        this.inc(circuit.opened);
      },
    });
  }

  /**
   * Adds one request's statements and entity cache lookups. An increment by 0 changes nothing once
   * a series exists, so after the first request (which makes the hit and miss series, at 0 for a
   * service without a cache) only non-zero ones are made: the gateway's are always 0, and each
   * increment builds a labels object and its hash string in prom-client.
   */
  recordDatabaseWork(stats: { statements: number; cacheHits: number; cacheMisses: number }): void {
    if (stats.statements > 0) this.sqlStatements.inc(stats.statements);
    if (stats.cacheHits > 0 || !this.entityCacheSeries) this.entityCache.inc({ result: 'hit' }, stats.cacheHits);
    if (stats.cacheMisses > 0 || !this.entityCacheSeries) this.entityCache.inc({ result: 'miss' }, stats.cacheMisses);
    this.entityCacheSeries = true;
  }

  /** Records one finished HTTP request's operations (several for a batch). */
  recordRequest(outcome: RequestOutcome, seconds: number): void {
    const operations = outcome.operations.length > 0 ? outcome.operations : [{ name: null, errorCodes: outcome.failed ? ['BAD_REQUEST'] : [] }];
    for (const operation of operations) {
      const label = this.operationLabel(operation.name);
      this.requests.inc({ operation: label, outcome: operation.errorCodes.length > 0 ? 'error' : 'ok' });
      this.duration.observe({ operation: label }, seconds);
      for (const code of operation.errorCodes) this.errors.inc({ code });
    }
  }
}

/** What the GraphQL layer reports about one HTTP request, for the HTTP layer to record. */
export interface RequestOutcome {
  operations: { name: string | null; errorCodes: string[] }[];
  /** The HTTP layer answered an error without running any operation. */
  failed?: boolean;
}

// Carried on the request's context value rather than in an AsyncLocalStorage, whose store, once
// run, turns on promise hooks for every promise in the process. A symbol-keyed own property,
// because Apollo Server hands each operation a shallow copy (Object.assign) of the context.
const REQUEST_OUTCOME = Symbol('shopgraph.requestOutcome');

/** Ties an HTTP request's context value to the outcome the metrics plugin fills in. */
export function attachRequestOutcome<T extends object>(contextValue: T, outcome: RequestOutcome): T {
  (contextValue as { [REQUEST_OUTCOME]?: RequestOutcome })[REQUEST_OUTCOME] = outcome;
  return contextValue;
}

/** Reports each operation's name and error codes to the HTTP request it runs in. */
export function requestOutcomePlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return statelessPlugin<T>({
    async willSendResponse({ operationName, request, response, contextValue }) {
      const outcome = (contextValue as { [REQUEST_OUTCOME]?: RequestOutcome })[REQUEST_OUTCOME];
      if (!outcome) return;
      const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
      outcome.operations.push({
        name: operationName ?? request.operationName ?? null,
        errorCodes: errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')),
      });
    },
  });
}
