import { randomUUID } from 'node:crypto';
import { describeWithRedis, testRedisUrl } from '@shopgraph/testing';
import { MemoryEventBus, RedisEventBus, type DomainEvent, type EventBus } from '../src';

// The in-process bus ships for the single-process mode; one contract runs against it and Redis.

const FAST_RETRIES = { attempts: 3, firstBackoffMs: 10 };

function eventOf(topic: string, n: number): DomainEvent {
  return { id: `test:${randomUUID()}`, topic, source: 'test', occurredAt: new Date().toISOString(), payload: { n } };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function eventBusContract(make: () => EventBus) {
  let bus: EventBus;
  const stops: (() => Promise<void>)[] = [];
  beforeEach(() => {
    bus = make();
  });
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await bus.close();
  });

  test('every group gets every event once, in order; members of one group share them', async () => {
    const topic = `t${randomUUID()}`;
    const seen = { search: [] as number[], mailA: [] as number[], mailB: [] as number[] };
    const record = (into: number[]) => async (event: DomainEvent) => void into.push(event.payload.n as number);
    stops.push(await bus.subscribe({ topics: [topic], group: 'search', handle: record(seen.search) }));
    stops.push(await bus.subscribe({ topics: [topic], group: 'mail', handle: record(seen.mailA) }));
    if (bus instanceof RedisEventBus) stops.push(await bus.subscribe({ topics: [topic], group: 'mail', handle: record(seen.mailB) }));
    await bus.publish(Array.from({ length: 20 }, (_, n) => eventOf(topic, n)));
    await until(() => seen.search.length === 20 && seen.mailA.length + seen.mailB.length === 20);
    expect(seen.search).toEqual(Array.from({ length: 20 }, (_, n) => n));
    expect([...seen.mailA, ...seen.mailB].sort((a, b) => a - b)).toEqual(seen.search);
  });

  test('followers get every event from now on; history replays after a cursor, in order', async () => {
    const topic = `t${randomUUID()}`;
    await bus.publish([eventOf(topic, 0)]);
    const followed: { cursor: string; n: number }[] = [];
    stops.push(await bus.follow(topic, ({ cursor, event }) => void followed.push({ cursor, n: event.payload.n as number })));
    await bus.publish([1, 2, 3, 4].map((n) => eventOf(topic, n)));
    await until(() => followed.length === 4);
    expect(followed.map((entry) => entry.n)).toEqual([1, 2, 3, 4]);
    const afterFirst = await bus.history(topic, followed[0]!.cursor, 10);
    expect(afterFirst.map((entry) => entry.event.payload.n)).toEqual([2, 3, 4]);
    expect(afterFirst.map((entry) => entry.cursor)).toEqual(followed.slice(1).map((entry) => entry.cursor));
    expect((await bus.history(topic, '0-0', 2)).map((entry) => entry.event.payload.n)).toEqual([0, 1]);
  });

  test('a failing handler is retried, then its event is dead-lettered and can be replayed', async () => {
    const topic = `t${randomUUID()}`;
    let failing = true;
    const attempts: number[] = [];
    const handled: number[] = [];
    stops.push(
      await bus.subscribe({
        topics: [topic],
        group: 'flaky',
        handle: async (event) => {
          attempts.push(event.payload.n as number);
          if (failing && event.payload.n === 1) throw new Error('downstream unavailable');
          handled.push(event.payload.n as number);
        },
      }),
    );
    await bus.publish([eventOf(topic, 1), eventOf(topic, 2)]);
    await until(async () => handled.includes(2) && (await bus.deadLetters(topic)).length === 1);
    expect(attempts.filter((n) => n === 1)).toHaveLength(FAST_RETRIES.attempts);
    const [letter] = await bus.deadLetters(topic);
    expect(letter).toMatchObject({ group: 'flaky', error: 'downstream unavailable', event: { payload: { n: 1 } } });

    failing = false;
    expect(await bus.replayDeadLetters(topic)).toBe(1);
    await until(() => handled.includes(1));
    expect(await bus.deadLetters(topic)).toEqual([]);
  });
}

describe('MemoryEventBus', () => eventBusContract(() => new MemoryEventBus(FAST_RETRIES)));

describeWithRedis('RedisEventBus', () => {
  eventBusContract(() => new RedisEventBus(testRedisUrl()!, { namespace: `test:${randomUUID()}:`, retry: FAST_RETRIES }));

  test('a group created after events were published still gets them', async () => {
    const bus = new RedisEventBus(testRedisUrl()!, { namespace: `test:${randomUUID()}:` });
    const topic = 'late';
    await bus.publish([eventOf(topic, 7)]);
    const seen: number[] = [];
    const stop = await bus.subscribe({ topics: [topic], group: 'newcomer', handle: async (event) => void seen.push(event.payload.n as number) });
    await until(() => seen.length === 1);
    expect(seen).toEqual([7]);
    await stop();
    await bus.close();
  });
});
