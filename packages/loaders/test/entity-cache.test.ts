import { MemoryCache } from '@shopgraph/cache';
import { EntityCache } from '../src';

interface Row {
  id: string;
  n: number;
}
const decode = (value: unknown) => (typeof (value as Row)?.n === 'number' ? (value as Row) : null);
const make = () => new EntityCache<string, Row>({ cache: new MemoryCache(), entity: 'row', schemaVersion: 'v1', ttlSeconds: 60, decode });

/** Runs `body` and returns the promise rejections nobody handled meanwhile. */
async function unhandledRejectionsOf(body: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await body();
    // Node reports an unhandled rejection after the microtask queue drains.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}

test('reads the cache first and fetches only the misses, in one call, in key order', async () => {
  const cache = make();
  const calls: string[][] = [];
  const fetch = async (ids: readonly string[]) => {
    calls.push([...ids]);
    return ids.filter((id) => id !== 'ghost').map((id) => ({ id, n: id.length }));
  };
  expect(await cache.load(['a', 'bb', 'ghost'], fetch, (row) => row.id)).toEqual([{ id: 'a', n: 1 }, { id: 'bb', n: 2 }, null]);
  expect(await cache.load(['ccc', 'bb', 'ghost', 'a'], fetch, (row) => row.id)).toEqual([{ id: 'ccc', n: 3 }, { id: 'bb', n: 2 }, null, { id: 'a', n: 1 }]);
  // The unknown id was remembered as missing; only 'ccc' was fetched the second time.
  expect(calls).toEqual([['a', 'bb', 'ghost'], ['ccc']]);
});

test('concurrent misses of one key share one fetch', async () => {
  const cache = make();
  let fetches = 0;
  const fetch = async (ids: readonly string[]) => {
    fetches += 1;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return ids.map((id) => ({ id, n: 1 }));
  };
  const results = await Promise.all(Array.from({ length: 10 }, () => cache.load(['hot'], fetch, (row) => row.id)));
  expect(results.every((result) => result[0]?.id === 'hot')).toBe(true);
  expect(fetches).toBe(1);
});

test('a failing fetch rejects the load, for waiters too, and never leaves an unhandled rejection', async () => {
  const cache = make();
  const failing = async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error('too many clients already');
  };
  const unhandled = await unhandledRejectionsOf(async () => {
    const loads = [cache.load(['x', 'y'], failing, (row: Row) => row.id), cache.load(['x'], failing, (row: Row) => row.id)];
    await expect(loads[0]).rejects.toThrow('too many clients');
    await expect(loads[1]).rejects.toThrow('too many clients');
  });
  expect(unhandled).toEqual([]);
  // Nothing was cached from the failure: the next load fetches again.
  expect(
    await cache.load(
      ['x'],
      async (ids) => ids.map((id) => ({ id, n: 9 })),
      (row) => row.id,
    ),
  ).toEqual([{ id: 'x', n: 9 }]);
});

test("a load whose own fetch fails while it also waits on another load's fetch leaves no unhandled rejection", async () => {
  const cache = make();
  const failingAfter = (ms: number) => async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    throw new Error('connection closed');
  };
  const unhandled = await unhandledRejectionsOf(async () => {
    // The second load waits on the first's fetch of 'x' and fetches 'z' itself; 'z' fails first.
    const first = cache.load(['x'], failingAfter(30), (row: Row) => row.id);
    const second = cache.load(['x', 'z'], failingAfter(5), (row: Row) => row.id);
    await expect(second).rejects.toThrow('connection closed');
    await expect(first).rejects.toThrow('connection closed');
  });
  expect(unhandled).toEqual([]);
});

test('a value that does not decode is a miss', async () => {
  const store = new MemoryCache();
  const cache = new EntityCache<string, Row>({ cache: store, entity: 'row', schemaVersion: 'v1', ttlSeconds: 60, decode });
  await store.setMany([{ key: cache.keyOf('a'), value: '{"d": {"id": "a", "n": "not a number"}}', ttlSeconds: 60 }]);
  expect(
    await cache.load(
      ['a'],
      async (ids) => ids.map((id) => ({ id, n: 5 })),
      (row) => row.id,
    ),
  ).toEqual([{ id: 'a', n: 5 }]);
});
