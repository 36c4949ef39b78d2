import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import postgres from 'postgres';
import { eventually, startOwnPostgres, type OwnPostgres } from '@shopgraph/testing';
import { MemoryEventBus, OUTBOX_CHANNEL, startOutboxRelay } from '../src';

// The relay stopped as a service shuts down: with PostgreSQL up it publishes what was committed
// first; with PostgreSQL already gone (the whole platform stopped at once) the stop still ends
// its connections and resolves, so the service's shutdown does not fail. PostgreSQL is a
// cluster of this file's own, since a case stops it.
const TOPIC = 'relay.test';
const SOURCE = 'relay-test';

let server: OwnPostgres;
beforeAll(async () => {
  server = await startOwnPostgres();
}, 60_000);
afterAll(() => server?.destroy());
// A case's fault is undone here, after it, even when the case failed or hung past its timeout:
// the next case must find PostgreSQL running.
let frozen: number[] = [];
let stopped = false;
afterEach(async () => {
  for (const pid of frozen.splice(0)) process.kill(pid, 'SIGCONT');
  if (stopped) await server.start();
  stopped = false;
});

/** A logger whose lines the test reads, at every level. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string }), done()),
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}
/** pino's error and fatal levels. */
const errorsIn = (lines: { level: number; msg: string }[]) => lines.filter((line) => line.level >= 50).map((line) => line.msg);

/** A database of its own with the outbox table as outboxTable() declares it (a service's migrations create it there). */
async function outboxDatabase(): Promise<{ url: string; sql: postgres.Sql }> {
  const name = `relay_${randomBytes(4).toString('hex')}`;
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = server.url.replace(/\/postgres$/, `/${name}`);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table outbox (id bigserial primary key, topic text not null, payload jsonb not null,
    created_at timestamptz not null default now(), published_at timestamptz)`;
  return { url, sql };
}

/** Commits `count` outbox rows in one transaction; `notify` as writeOutboxEvent does. Returns their event ids. */
async function commitEvents(sql: postgres.Sql, count: number, notify: boolean): Promise<string[]> {
  const rows = await sql.begin(async (tx) => {
    const inserted = await tx<
      { id: string }[]
    >`insert into outbox (topic, payload) select ${TOPIC}, '{}'::jsonb from generate_series(1, ${count}) returning id::text`;
    if (notify) await tx`select pg_notify(${OUTBOX_CHANNEL}, '')`;
    return inserted;
  });
  return rows.map((row) => `${SOURCE}:${row.id}`);
}

/** The cluster's processes (postmaster and backends), to freeze it as a lost host would look: connected, never answering. */
function clusterPids(): number[] {
  const postmaster = Number(readFileSync(join(server.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return [postmaster, ...children];
}

/** A relay on a database of its own that has published a first event, so it runs; `published` grows with what it publishes. */
async function startRelay(pollIntervalMs: number) {
  const { url, sql } = await outboxDatabase();
  const bus = new MemoryEventBus();
  const published: string[] = [];
  await bus.follow(TOPIC, ({ event }) => published.push(event.id));
  const { logger, lines } = recordingLogger();
  const stop = await startOutboxRelay({ databaseUrl: url, source: SOURCE, bus, logger, pollIntervalMs });
  const first = await commitEvents(sql, 1, true);
  await eventually('the first event published', async () => (published.length === 1 ? true : undefined));
  return { sql, stop, published, first, lines };
}

test('a relay stopped while PostgreSQL is up publishes, once each, every event committed before the stop', async () => {
  // No poll during the test: only a notification or the stop makes the relay look again.
  const { sql, stop, published, first, lines } = await startRelay(600_000);
  try {
    // Committed without a NOTIFY: a commit whose notification has not reached the relay yet.
    // More than one batch (100), so the last pass has to go on until the outbox is empty.
    const beforeStop = await commitEvents(sql, 250, false);
    await stop();

    expect(published.sort()).toEqual([...first, ...beforeStop].sort());
    expect(await sql`select count(*)::int as unpublished from outbox where published_at is null`).toEqual([{ unpublished: 0 }]);
    expect(errorsIn(lines)).toEqual([]);
  } finally {
    await sql.end();
  }
});

test.each(['just after PostgreSQL stopped', 'while the relay retries a batch'])(
  'a relay stopped after PostgreSQL is gone (pg_ctl stop -m immediate), %s: the stop resolves and logs no error',
  async (when) => {
    const { sql, stop, lines } = await startRelay(100);
    await sql.end();
    await server.stop('immediate');
    stopped = true;
    if (when === 'while the relay retries a batch')
      await eventually('a failed batch', async () => (lines.some((line) => line.msg.includes('could not publish; will retry')) ? true : undefined));

    // Jest's timeout fails this if the stop waits on PostgreSQL.
    await expect(stop()).resolves.toBeUndefined();
    expect(errorsIn(lines)).toEqual([]);
  },
  30_000,
);

test('a relay stopped while PostgreSQL does not answer (its processes frozen, as a lost host): the stop still resolves and logs no error', async () => {
  const { sql, stop, lines } = await startRelay(100);
  await sql.end();
  frozen = clusterPids();
  for (const pid of frozen) process.kill(pid, 'SIGSTOP');
  // The relay's next poll waits on an answer that never comes, and so would UNLISTEN: Jest's
  // timeout fails this if the stop waits for either.
  await expect(stop()).resolves.toBeUndefined();
  expect(errorsIn(lines)).toEqual([]);
}, 30_000);
