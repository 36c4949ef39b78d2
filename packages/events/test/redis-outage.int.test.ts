import { randomUUID } from 'node:crypto';
import { startOwnRedis, type OwnRedis } from '@shopgraph/testing';
import { RedisEventBus, type DomainEvent } from '../src';

// A service shutting down while Redis is down must still shut down: its consumers and followers
// stop instead of waiting on reads that ioredis never settles.
let redis: OwnRedis;
beforeAll(async () => {
  redis = await startOwnRedis();
});
afterAll(() => redis?.destroy());

const eventOf = (topic: string): DomainEvent => ({ id: `test:${randomUUID()}`, topic, source: 'test', occurredAt: new Date().toISOString(), payload: {} });

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('subscriptions and followers stop while Redis is down (their blocking reads are not waited for)', async () => {
  const bus = new RedisEventBus(redis.url, { namespace: `${randomUUID()}:` });
  const topic = 'outage.test';
  const seen: string[] = [];
  const unsubscribe = await bus.subscribe({ topics: [topic], group: 'outage', handle: async (event) => void seen.push(event.id) });
  const unfollow = await bus.follow(topic, () => {});
  const event = eventOf(topic);
  await bus.publish([event]);
  await until(() => seen.includes(event.id));

  await redis.stop();
  try {
    // Jest's timeout fails this if either waits on a read that ioredis never settles.
    await unsubscribe();
    await unfollow();
    await bus.close();
  } finally {
    await redis.start();
  }
}, 30_000);
