import postgres, { type Sql } from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { ensureDatabase } from './ensure-database';
import { operationStatementLogger, StatementCounter } from './statement-counter';

export interface ServiceDatabase<TSchema extends Record<string, unknown>> {
  sql: Sql;
  db: PostgresJsDatabase<TSchema>;
  statements: StatementCounter;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  url: string;
  schema: TSchema;
  /** Folder of drizzle-kit migrations, applied at open under an advisory lock. */
  migrationsFolder: string;
  maxConnections?: number;
  /** Milliseconds; sent as the session's statement_timeout. */
  statementTimeoutMs?: number;
}

// Any constant will do: it only has to be the same for every process migrating one database.
const MIGRATION_LOCK_KEY = 7_424_130_517;

/**
 * Seconds a pooled connection waits before reconnecting, by failed attempts so far (postgres.js
 * counts them per pool). Its default grows as 3^n/100 up to 20 s, so after a few seconds of
 * PostgreSQL being down a pool kept refusing queries for up to 20 s after it was back; doubling
 * from 50 ms up to 1 s costs PostgreSQL little (at most a connection per second per pool slot).
 */
export const reconnectDelaySeconds = (failedAttempts: number): number => Math.min(1, 0.05 * 2 ** failedAttempts) * (0.5 + Math.random() / 2);

/** Creates the database if needed, applies pending migrations, and returns a pooled connection. */
export async function openServiceDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<ServiceDatabase<TSchema>> {
  await ensureDatabase(options.url);
  const statements = new StatementCounter();
  const sql = postgres(options.url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    debug: statements.record,
    backoff: reconnectDelaySeconds,
    connection: { statement_timeout: options.statementTimeoutMs ?? 10_000 },
  });
  await applyMigrations(options.url, options.migrationsFolder);
  const db = drizzle(sql, { schema: options.schema, logger: operationStatementLogger });
  return { sql, db, statements, close: () => sql.end({ timeout: 5 }) };
}

/** Creates the database if needed and applies pending migrations: what a subgraph's migrate.js does. */
export async function migrateServiceDatabase(url: string, migrationsFolder: string): Promise<void> {
  await ensureDatabase(url);
  await applyMigrations(url, migrationsFolder);
}

async function applyMigrations(url: string, migrationsFolder: string): Promise<void> {
  // A connection of its own, so the advisory lock and the migrations share one session.
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migrate(drizzle(sql), { migrationsFolder });
    await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
