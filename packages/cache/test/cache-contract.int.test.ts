import { randomUUID } from 'node:crypto';
import { describeWithRedis, testRedisUrl } from '@shopgraph/testing';
import { MemoryCache, MemoryCounters, MemoryPubSub, RedisCache, RedisCounters, RedisPubSub, type Cache, type Counters, type PubSub } from '../src';

// The in-process implementations ship for the single-process mode; they must behave as Redis does,
// so one contract runs against both.

function cacheContract(make: () => Cache) {
  let cache: Cache;
  const key = (name: string) => `test:${randomUUID()}:${name}`;
  beforeAll(() => {
    cache = make();
  });
  afterAll(() => cache.close());

  test('returns values in key order, null for misses', async () => {
    const [a, b, missing] = [key('a'), key('b'), key('missing')];
    await cache.setMany([
      { key: a, value: 'A', ttlSeconds: 60 },
      { key: b, value: 'B', ttlSeconds: 60 },
    ]);
    expect(await cache.getMany([b, missing, a])).toEqual(['B', null, 'A']);
    await cache.delete([a]);
    expect(await cache.getMany([a, b])).toEqual([null, 'B']);
  });

  test('entries expire after their TTL', async () => {
    const k = key('ttl');
    await cache.setMany([{ key: k, value: 'soon gone', ttlSeconds: 1 }]);
    expect(await cache.getMany([k])).toEqual(['soon gone']);
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline && (await cache.getMany([k]))[0] !== null) await new Promise((r) => setTimeout(r, 100));
    expect(await cache.getMany([k])).toEqual([null]);
  });
}

/** `make` gives a publisher and a subscriber as a deployment has them. */
function pubSubContract(make: () => [PubSub, PubSub]) {
  test('delivers to subscribers of the channel until they unsubscribe', async () => {
    const [publisher, subscriber] = make();
    try {
      const channel = `test:${randomUUID()}`;
      const received: string[] = [];
      let notify: () => void = () => {};
      const arrived = new Promise<void>((resolve) => (notify = resolve));
      const unsubscribe = await subscriber.subscribe(channel, (message) => {
        received.push(message);
        notify();
      });
      await publisher.publish(`${channel}:other`, 'not for us');
      await publisher.publish(channel, 'hello');
      await arrived;
      expect(received).toEqual(['hello']);
      await unsubscribe();
      await publisher.publish(channel, 'after unsubscribe');
      await new Promise((r) => setTimeout(r, 100));
      expect(received).toEqual(['hello']);
    } finally {
      await publisher.close();
      await subscriber.close();
    }
  });
}

describe('memory cache', () => cacheContract(() => new MemoryCache()));
describeWithRedis('redis cache', () => cacheContract(() => new RedisCache(testRedisUrl()!)));

// In one process every service shares one in-process instance; across processes, two Redis clients.
describe('memory pub/sub', () =>
  pubSubContract(() => {
    const shared = new MemoryPubSub();
    return [shared, shared];
  }));
describeWithRedis('redis pub/sub', () => pubSubContract(() => [new RedisPubSub(testRedisUrl()!), new RedisPubSub(testRedisUrl()!)]));

test('the memory cache stays bounded, dropping the least recently used entry', async () => {
  const cache = new MemoryCache(2);
  await cache.setMany([
    { key: 'a', value: '1', ttlSeconds: 60 },
    { key: 'b', value: '2', ttlSeconds: 60 },
  ]);
  await cache.getMany(['a']);
  await cache.setMany([{ key: 'c', value: '3', ttlSeconds: 60 }]);
  expect(await cache.getMany(['a', 'b', 'c'])).toEqual(['1', null, '3']);
});

test('the memory cache expires entries by its clock, with TTLs rounded as in Redis (whole seconds, at least one)', async () => {
  let now = 1_000_000;
  const cache = new MemoryCache(10, () => now);
  await cache.setMany([
    { key: 'a', value: '1', ttlSeconds: 2 },
    { key: 'zero', value: '0', ttlSeconds: 0 },
  ]);
  now += 1_000;
  expect(await cache.getMany(['a', 'zero'])).toEqual(['1', '0']);
  now += 1;
  expect(await cache.getMany(['a', 'zero'])).toEqual(['1', null]);
  now += 1_000;
  expect(await cache.getMany(['a'])).toEqual([null]);
});

function countersContract(make: () => Counters & { close?(): void }) {
  test('counts hits within a window, then starts again', async () => {
    const counters = make();
    try {
      const key = `test:${randomUUID()}:counter`;
      expect(await counters.hit(key, 1)).toEqual({ count: 1, resetInSeconds: 1 });
      expect((await counters.hit(key, 1, 3)).count).toBe(4);
      const deadline = Date.now() + 3_000;
      let next = await counters.hit(key, 1);
      while (next.count !== 1 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        next = await counters.hit(key, 1);
      }
      expect(next.count).toBe(1);
    } finally {
      counters.close?.();
    }
  });
}

describe('memory counters', () => countersContract(() => new MemoryCounters()));
describeWithRedis('redis counters', () => countersContract(() => new RedisCounters(testRedisUrl()!)));
