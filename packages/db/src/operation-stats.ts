import { AsyncLocalStorage } from 'node:async_hooks';

/** What one GraphQL request cost a service: SQL statements and shared-cache hits and misses. */
export interface OperationStats {
  statements: number;
  cacheHits: number;
  cacheMisses: number;
}

const current = new AsyncLocalStorage<OperationStats>();

/** Runs a request with its own stats, which statement counters and cached loaders add to. */
export function withOperationStats<T>(stats: OperationStats, run: () => T): T {
  return current.run(stats, run);
}

export function currentOperationStats(): OperationStats | undefined {
  return current.getStore();
}

export function emptyStats(): OperationStats {
  return { statements: 0, cacheHits: 0, cacheMisses: 0 };
}

/** A service's running totals, overall and per GraphQL operation name, for tests and /metrics. */
export class ServiceStats {
  readonly totals: OperationStats = emptyStats();
  readonly byOperation = new Map<string, OperationStats>();

  record(operationName: string, stats: OperationStats): void {
    const perOperation = this.byOperation.get(operationName) ?? emptyStats();
    for (const key of ['statements', 'cacheHits', 'cacheMisses'] as const) {
      perOperation[key] += stats[key];
      this.totals[key] += stats[key];
    }
    this.byOperation.set(operationName, perOperation);
  }

  /** A copy of the totals, to subtract from a later one. */
  snapshot(): OperationStats {
    return { ...this.totals };
  }
}
