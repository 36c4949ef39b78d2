import { randomBytes } from 'node:crypto';
import { dropDatabasesWithPrefix } from '@shopgraph/db';

/**
 * The Postgres server tests use: `DATABASE_URL` when given (CI, a developer's server), else the
 * embedded one jest's global setup started and published as `SHOPGRAPH_TEST_DATABASE_URL`.
 */
export function testDatabaseServerUrl(): string {
  const url = process.env.DATABASE_URL ?? process.env.SHOPGRAPH_TEST_DATABASE_URL;
  if (!url) throw new Error('No Postgres for tests: set DATABASE_URL, or let jest global setup start embedded Postgres');
  return url;
}

/** A database-name prefix no other test file or worker shares: `t<worker>_<random>`. */
export function uniqueDatabasePrefix(): string {
  return `t${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
}

export async function dropTestDatabases(prefix: string): Promise<void> {
  await dropDatabasesWithPrefix(testDatabaseServerUrl(), prefix);
}
