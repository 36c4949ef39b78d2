import postgres, { type Sql } from 'postgres';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DATABASE_DEFAULTS } from '@shopgraph/config';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { ensureDatabase } from './ensure-database';
import { isMissingDatabase } from './postgres-errors';
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
  /**
   * `apply` (the default) creates the database if needed and applies pending migrations;
   * `verify` only checks they were applied (by `node migrate.js`) and refuses to open otherwise.
   */
  migrations?: 'apply' | 'verify';
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

/** Creates the database if needed, applies pending migrations (or checks they were), and returns a pooled connection. */
export async function openServiceDatabase<TSchema extends Record<string, unknown>>(options: OpenDatabaseOptions<TSchema>): Promise<ServiceDatabase<TSchema>> {
  const apply = options.migrations !== 'verify';
  if (apply) await ensureDatabase(options.url);
  const statements = new StatementCounter();
  const sql = postgres(options.url, {
    max: options.maxConnections ?? DATABASE_DEFAULTS.poolMax,
    onnotice: () => {},
    debug: statements.record,
    backoff: reconnectDelaySeconds,
    connection: { statement_timeout: options.statementTimeoutMs ?? DATABASE_DEFAULTS.statementTimeoutMs },
  });
  try {
    if (apply) await applyMigrations(options.url, options.migrationsFolder);
    else await verifyMigrated(sql, options.migrationsFolder);
  } catch (error) {
    await sql.end({ timeout: 5 });
    throw error;
  }
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

export class MigrationsNotApplied extends Error {}

/**
 * With migrations run apart (RUN_MIGRATIONS=false: a release job or init container runs
 * `node migrate.js`), a process must not serve a schema older than its code: it refuses to start,
 * and its supervisor retries until the migrations are in.
 */
async function verifyMigrated(sql: Sql, migrationsFolder: string): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  if (migrations.length === 0) return;
  const latest = migrations.at(-1)!.folderMillis;
  if (!(await hasApplied(sql, latest))) {
    throw new MigrationsNotApplied(
      `the database is not migrated to this release (${migrations.length} migrations in ${migrationsFolder}): run \`node migrate.js\` first, or unset RUN_MIGRATIONS=false`,
    );
  }
}

/** Whether the migration made at `folderMillis` (or a later one) is recorded; a database not created yet has none. */
async function hasApplied(sql: Sql, folderMillis: number): Promise<boolean> {
  try {
    const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as name`;
    if (!table?.name) return false;
    const [row] = await sql`select exists (select 1 from drizzle.__drizzle_migrations where created_at >= ${folderMillis}) as applied`;
    return row!.applied === true;
  } catch (error) {
    if (isMissingDatabase(error)) return false;
    throw error;
  }
}
