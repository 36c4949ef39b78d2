import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { describeWithRedis, eventually, startOwnPostgres, testRedisUrl, type OwnPostgres } from '@shopgraph/testing';
import { isOutage, RedisEventBus, type DomainEvent } from '../src';

// A consumer whose own database goes away (a PostgreSQL restart, a failover) keeps its events and
// delivers them, in order, once the database is back: an outage is not the event's fault, so it
// is never dead-lettered however long it lasts. PostgreSQL is a cluster of this file's own.
const TOPIC = 'outage.test';
const RETRIES = { attempts: 3, firstBackoffMs: 10, maxOutageBackoffMs: 50 };

const event = (n: number): DomainEvent => ({
  id: `outage:${randomUUID()}`,
  topic: TOPIC,
  source: 'test',
  occurredAt: new Date().toISOString(),
  payload: { n },
});

describeWithRedis('events while the consumer database is down', () => {
  let server: OwnPostgres;
  let sql: postgres.Sql;
  let bus: RedisEventBus;
  let serverStopped = false;
  const failures: Error[] = [];
  const group = `outage-${randomUUID()}`;
  /** What the consumer does with an event: a row in its own database. */
  const handle = async (delivered: DomainEvent) => {
    try {
      await sql`insert into handled (n) values (${(delivered.payload as { n: number }).n})`;
    } catch (error) {
      failures.push(error as Error);
      throw error;
    }
  };
  const handled = async () => (await sql<{ n: number }[]>`select n from handled order by id`).map((row) => row.n);

  beforeAll(async () => {
    server = await startOwnPostgres();
    sql = postgres(server.url, { max: 1, onnotice: () => {}, backoff: () => 0.05, connect_timeout: 2 });
    await sql`create table handled (id bigserial primary key, n int not null)`;
    bus = new RedisEventBus(testRedisUrl()!, { namespace: `test:${randomUUID()}:`, retry: RETRIES, claimIdleMs: 300 });
  }, 60_000);
  afterEach(async () => {
    if (serverStopped) await server.start();
    serverStopped = false;
  });
  afterAll(async () => {
    await bus?.close();
    await sql?.end({ timeout: 1 });
    await server?.destroy();
  });

  test('are delivered in order once it is back, and none is dead-lettered', async () => {
    const stop = await bus.subscribe({ topics: [TOPIC], group, handle });
    try {
      await bus.publish([event(1)]);
      await eventually('the first event to be handled', async () => ((await handled()).includes(1) ? true : undefined));

      await server.stop('fast');
      serverStopped = true;
      await bus.publish([event(2), event(3)]);
      // Three times the failures that dead-letter an event whose handler is at fault.
      await eventually('the consumer to fail on the stopped database', async () => (failures.length >= 3 * RETRIES.attempts ? true : undefined));
      expect(failures.every((failure) => isOutage(failure))).toBe(true);
      expect(await bus.deadLetters(TOPIC)).toEqual([]);

      await server.start();
      serverStopped = false;
      await eventually('the held events to be handled', async () => ((await handled().catch((): number[] => [])).length === 3 ? true : undefined));
      expect(await handled()).toEqual([1, 2, 3]);
      expect(await bus.deadLetters(TOPIC)).toEqual([]);
    } finally {
      await stop();
    }
  });

  test('a consumer stopped while it waits leaves its event to the next one of its group', async () => {
    await sql`truncate handled`;
    const first = await bus.subscribe({ topics: [TOPIC], group, handle });
    await server.stop('immediate');
    serverStopped = true;
    const failedBefore = failures.length;
    await bus.publish([event(4)]);
    await eventually('the consumer to fail on the stopped database', async () => (failures.length > failedBefore ? true : undefined));
    // Resolves although the event is not handled: a service shutting down during an outage.
    await first();

    await server.start();
    serverStopped = false;
    const next = await bus.subscribe({ topics: [TOPIC], group, handle });
    try {
      await eventually('the next consumer to take the event over', async () => ((await handled().catch((): number[] => [])).includes(4) ? true : undefined));
      expect(await handled()).toEqual([4]);
      expect(await bus.deadLetters(TOPIC)).toEqual([]);
    } finally {
      await next();
    }
  });
});
