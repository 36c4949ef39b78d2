import { currentOperationStats } from './operation-stats';

/**
 * Counts SQL statements a connection pool sends, in total and for the request being served.
 * postgres.js calls its `debug` hook once per statement, so this sees every query drizzle builds.
 */
export class StatementCounter {
  private total = 0;

  record = (): void => {
    this.total += 1;
    const stats = currentOperationStats();
    if (stats) stats.statements += 1;
  };

  get count(): number {
    return this.total;
  }
}
