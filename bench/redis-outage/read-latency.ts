// What a catalog read costs while Redis is down: the whole platform in-process over a redis-server
// of its own, which is stopped; sequential reads through the gateway, p50 and p95 printed.
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/redis-outage/read-latency.ts [reads]
// The modules themselves: the package index pulls in jest globals.
import { graphqlRequest } from '@shopgraph/testing/src/graphql-request';
import { startOwnRedis } from '@shopgraph/testing/src/servers/own-redis';
import { startPlatformForTest } from '@shopgraph/e2e/support/start-platform-for-test';

const READ = '{ products(first: 5) { edges { node { id name price { amount } } } } }';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timedReads(url: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    const response = await graphqlRequest(url, READ);
    if (response.errors) throw new Error(`read failed: ${JSON.stringify(response.errors)}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const reads = Number(process.argv[2] ?? 200);
  const redis = await startOwnRedis();
  const platform = await startPlatformForTest({ redisUrl: redis.url });
  try {
    await timedReads(platform.gatewayUrl, 20);
    const up = await timedReads(platform.gatewayUrl, reads);
    await redis.stop();
    const down = await timedReads(platform.gatewayUrl, reads);
    const row = (name: string, times: number[]) => `${name.padEnd(12)} p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms`;
    process.stdout.write(`${reads} sequential catalog reads through the gateway\n${row('Redis up', up)}\n${row('Redis down', down)}\n`);
    await redis.start();
  } finally {
    await platform.stop();
    await redis.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
