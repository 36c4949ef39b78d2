/**
 * Counts SQL statements a connection pool sends. postgres.js calls its `debug` hook once per
 * statement, so this sees every query including those drizzle builds.
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
