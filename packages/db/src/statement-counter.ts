import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import { currentOperationStats } from './operation-stats';

/**
 * Counts every SQL statement a connection pool sends. postgres.js calls its `debug` hook once per
 * statement sent, but for a query that waited for a busy connection it calls it from the socket's
 * context, not the request's: good for totals, not for telling which request sent what.
 */
export class StatementCounter {
  private total = 0;

  record = (): void => {
    this.total += 1;
  };

  get count(): number {
    return this.total;
  }
}

/**
 * Drizzle's logger runs synchronously where a query is issued, inside the request's async
 * context, so it is what attributes statements to the GraphQL operation being served.
 */
export const operationStatementLogger: DrizzleLogger = {
  logQuery() {
    const stats = currentOperationStats();
    if (stats) stats.statements += 1;
  },
};
