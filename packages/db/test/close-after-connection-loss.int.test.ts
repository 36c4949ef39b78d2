import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { databaseNameOf, withDatabaseName } from '@shopgraph/config';
import { dropDatabasesWithPrefix, openServiceDatabase, type ServiceDatabase } from '../src';

// close() is `sql.end({ timeout: 5 })`. postgres.js 3.4.9 kept a query that a dropped connection had
// failed as the connection's current one, so end() waited the whole 5 s for a ReadyForQuery that
// never comes (a service's shutdown held up by a PostgreSQL restart), and kept PostgreSQL's 57P01
// for it to fail the first query after the reconnect. patches/postgres+3.4.9.patch fixes both.
// Each case terminates only its own backend: the server keeps running for everyone else.
const serverUrl = process.env.DATABASE_URL ?? process.env.SHOPGRAPH_TEST_DATABASE_URL!;
const prefix = `dbclose${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
/** Well before close()'s 5 s bound, and generous for a loaded machine: a prompt close takes milliseconds. */
const PROMPT_CLOSE_MS = 2_000;

/** How postgres.js fails a query whose connection PostgreSQL dropped (a FIN or a reset). */
const LOST_CONNECTION = { code: expect.stringMatching(/^(CONNECTION_CLOSED|ECONNRESET)$/) };

let migrationsFolder: string;
let admin: postgres.Sql;
const opened: ServiceDatabase<Record<string, never>>[] = [];

beforeAll(async () => {
  // No tables needed: an empty drizzle journal.
  migrationsFolder = await mkdtemp(join(tmpdir(), 'shopgraph-dbclose-'));
  await mkdir(join(migrationsFolder, 'meta'));
  await writeFile(join(migrationsFolder, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'postgresql', entries: [] }));
  admin = postgres(withDatabaseName(serverUrl, 'postgres'), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
  await admin?.end({ timeout: 5 });
  await dropDatabasesWithPrefix(serverUrl, prefix);
  await rm(migrationsFolder, { recursive: true, force: true });
});

async function openDatabase(name: string, maxConnections?: number): Promise<{ database: ServiceDatabase<Record<string, never>>; datname: string }> {
  const url = withDatabaseName(serverUrl, `${prefix}_${name}`);
  // A statement_timeout longer than any case, so only the termination ends the sleeping query.
  const database = await openServiceDatabase({ url, schema: {}, migrationsFolder, maxConnections, statementTimeoutMs: 60_000 });
  opened.push(database);
  return { database, datname: databaseNameOf(url) };
}

/** The backend running a `pg_sleep` in `datname`, once PostgreSQL reports it running. */
async function sleepingBackend(datname: string): Promise<number> {
  for (;;) {
    const [row] = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${datname} and state = 'active' and query like '%pg_sleep%'`;
    if (row) return row.pid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function terminate(pid: number): Promise<void> {
  await admin`select pg_terminate_backend(${pid})`;
}

/** A query that sleeps until its backend is terminated; sent now (postgres.js sends a query only once it is awaited or executed). */
function sleepUntilTerminated(database: ServiceDatabase<Record<string, never>>) {
  return database.sql`select pg_sleep(30)`.execute();
}

async function millisecondsToClose(database: ServiceDatabase<Record<string, never>>): Promise<number> {
  const started = performance.now();
  await database.close();
  return performance.now() - started;
}

test('close() ends at once after a query in flight lost its connection', async () => {
  const { database, datname } = await openDatabase('query');
  // Expected before the termination: the query can fail before pg_terminate_backend answers.
  const sleepingFails = expect(sleepUntilTerminated(database)).rejects.toMatchObject(LOST_CONNECTION);
  await terminate(await sleepingBackend(datname));
  await sleepingFails;
  expect(await millisecondsToClose(database)).toBeLessThan(PROMPT_CLOSE_MS);
});

test('close() ends at once after a transaction in flight lost its connection', async () => {
  const { database, datname } = await openDatabase('transaction');
  const transactionFails = expect(
    database.sql.begin(async (tx) => {
      await tx`select pg_sleep(30)`;
    }),
  ).rejects.toMatchObject(LOST_CONNECTION);
  await terminate(await sleepingBackend(datname));
  await transactionFails;
  expect(await millisecondsToClose(database)).toBeLessThan(PROMPT_CLOSE_MS);
});

test('close() ends at once after an idle connection was terminated', async () => {
  const { database, datname } = await openDatabase('idle');
  const { pid } = (await database.sql<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!;
  await terminate(pid);
  for (;;) {
    const [row] = await admin`select 1 from pg_stat_activity where pid = ${pid} and datname = ${datname}`;
    if (!row) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(await millisecondsToClose(database)).toBeLessThan(PROMPT_CLOSE_MS);
});

test('a close() waiting for a query ends as soon as the connection under that query is lost (SIGTERM during a PostgreSQL restart)', async () => {
  const { database, datname } = await openDatabase('closing');
  const sleeping = sleepUntilTerminated(database).catch((error: unknown) => error);
  const pid = await sleepingBackend(datname);
  const closing = database.close();
  await terminate(pid);
  const terminated = performance.now();
  await closing;
  expect(performance.now() - terminated).toBeLessThan(PROMPT_CLOSE_MS);
  expect(await sleeping).toMatchObject(LOST_CONNECTION);
});

test('the first query on a connection that lost one in flight is answered, not failed with the lost one’s error', async () => {
  // One connection, so the next query reconnects the very connection whose query was lost.
  const { database, datname } = await openDatabase('next', 1);
  const sleepingFails = expect(sleepUntilTerminated(database)).rejects.toMatchObject(LOST_CONNECTION);
  await terminate(await sleepingBackend(datname));
  await sleepingFails;
  expect(await database.sql`select 1 as answer`).toEqual([{ answer: 1 }]);
});
