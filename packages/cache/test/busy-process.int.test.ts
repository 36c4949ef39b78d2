import { randomUUID } from 'node:crypto';
import { describeWithRedis, startOwnRedis, testRedisUrl, type OwnRedis } from '@shopgraph/testing';
import { createSharedState, isRedisUnavailable, type SharedState } from '../src';

// A process kept busy (a burst of CPU-heavy requests, a long GC) past a Redis call's timeout must
// still get the answer a healthy Redis sent in time: otherwise carts, rate limits and signed
// mutations answer SERVICE_UNAVAILABLE under load, and the shared circuit opens for everyone.

/** Holds the event loop, as a CPU-heavy request does. */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // spin
  }
}

/** Starts `call`, lets its command reach the socket, then keeps the process busy past its timeout (500 ms at most) before awaiting it. */
async function callWhileBusy<T>(call: () => Promise<T>): Promise<T> {
  const pending = call();
  pending.catch(() => undefined);
  // Microtasks only: the command is written to the socket, and no answer can be read before the busy spell.
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
  busyFor(700);
  return pending;
}

describeWithRedis('Redis calls from a busy process', () => {
  let shared: SharedState;
  const key = `busy:${randomUUID()}`;
  beforeAll(() => {
    shared = createSharedState(testRedisUrl(), `test-${randomUUID()}:`);
  });
  afterAll(() => shared.close());

  test('get the answers Redis sent in time, and the circuit stays closed', async () => {
    await shared.cache.setMany([{ key, value: 'in the cart', ttlSeconds: 60 }]);
    // Five calls in a row, more than the failures that open the circuit.
    expect(await callWhileBusy(() => shared.cache.getMany([key]))).toEqual(['in the cart']);
    await callWhileBusy(() => shared.cache.setMany([{ key, value: 'still in the cart', ttlSeconds: 60 }]));
    expect((await callWhileBusy(() => shared.counters.hit(`${key}:hits`, 60))).count).toBe(1);
    expect(await callWhileBusy(() => shared.nonces.claim(key, 60_000))).toBe(true);
    await callWhileBusy(() => shared.pubsub.publish(`${key}:channel`, 'hello'));
    expect(await shared.cache.getMany([key])).toEqual(['still in the cart']);
    expect(shared.circuit).toMatchObject({ state: 'closed', opened: 0 });
  });
});

describe('Redis that holds the connection but answers nothing', () => {
  let redis: OwnRedis;
  let shared: SharedState;
  beforeAll(async () => {
    redis = await startOwnRedis();
    shared = createSharedState(redis.url, 'frozen:');
    await shared.cache.setMany([{ key: 'k', value: 'v', ttlSeconds: 60 }]);
  });
  afterAll(async () => {
    redis.thaw();
    await shared.close();
    await redis.destroy();
  });

  test('is unavailable after the timeout, opens the circuit, and is used again once it answers', async () => {
    redis.freeze();
    const failures = await Promise.all([
      shared.cache.getMany(['k']).catch((error: unknown) => error),
      shared.counters.hit('hits', 60).catch((error: unknown) => error),
      shared.nonces.claim(randomUUID(), 60_000).catch((error: unknown) => error),
    ]);
    expect(failures.every(isRedisUnavailable)).toBe(true);
    expect(shared.circuit!.state).toBe('open');
    redis.thaw();
    // The circuit lets a probe through after its interval; the first success closes it.
    for (;;) {
      const answer = await shared.cache.getMany(['k']).catch(() => undefined);
      if (answer) {
        expect(answer).toEqual(['v']);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(shared.circuit!.state).toBe('closed');
  });
});
