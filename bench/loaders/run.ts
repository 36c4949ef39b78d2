// `npm run bench:loaders`: the storefront query through the gateway in three configurations,
// interleaved in one run so a noisy machine affects them alike. Results: bench/results/loaders.json
// and the table and chart in docs/benchmarks.md.
import { join } from 'node:path';
import autocannon from 'autocannon';
import { print } from 'graphql';
import { StorefrontProductsDocument } from '@shopgraph/operations';
import { startChild, type Child } from '../child-process';
import { publishRun, runBenchmark } from '../results';
import { LOADERS_REPORT, type ConfigResult } from './report';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PAGE = Number(process.env.BENCH_PAGE_SIZE ?? 20);

const CONFIGS = [
  { name: 'no loaders, no cache (N+1)', env: { SHOPGRAPH_LOADER_BATCHING: 'off', SHOPGRAPH_ENTITY_CACHE: 'off' } },
  { name: 'loaders, no cache (cold)', env: { SHOPGRAPH_LOADER_BATCHING: 'on', SHOPGRAPH_ENTITY_CACHE: 'off' } },
  { name: 'loaders + Redis cache (warm)', env: { SHOPGRAPH_LOADER_BATCHING: 'on', SHOPGRAPH_ENTITY_CACHE: 'on' } },
] as const;

async function drive(url: string): Promise<autocannon.Result> {
  const body = JSON.stringify({ query: print(StorefrontProductsDocument), variables: { first: PAGE }, operationName: 'StorefrontProducts' });
  return autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: CONNECTIONS, duration: SECONDS });
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) throw new Error('Set DATABASE_URL and REDIS_URL (the benchmark measures real Postgres and Redis)');
  const platforms: Child<{ gatewayUrl: string }>[] = [];
  for (const config of CONFIGS) platforms.push(await startChild<{ gatewayUrl: string }>(join(__dirname, 'serve-platform.ts'), config.env)); // one at a time: the first seeds
  const samples = CONFIGS.map(() => [] as { rps: number; p50: number; p99: number; statementsPerRequest: number; errors: number }[]);
  try {
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const [index, platform] of platforms.entries()) {
        const before = (await platform.ask<{ stats: { statements: number } }>('stats')).stats;
        const result = await drive(platform.ready.gatewayUrl);
        // autocannon stops waiting at the deadline; let the requests still in flight finish first.
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        const after = (await platform.ask<{ stats: { statements: number } }>('stats')).stats;
        const requests = result.requests.total;
        samples[index]!.push({
          rps: result.requests.average,
          p50: result.latency.p50,
          p99: result.latency.p99,
          statementsPerRequest: requests > 0 ? (after.statements - before.statements) / requests : 0,
          errors: result.errors + result.non2xx,
        });
        process.stdout.write(`round ${round + 1} ${CONFIGS[index]!.name}: ${result.requests.average} req/s, p99 ${result.latency.p99} ms\n`);
      }
    }
  } finally {
    await Promise.all(platforms.map((platform) => platform.stop()));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const results: ConfigResult[] = CONFIGS.map((config, index) => ({
    name: config.name,
    requestsPerSecond: median(samples[index]!.map((s) => s.rps)),
    p50Ms: median(samples[index]!.map((s) => s.p50)),
    p99Ms: median(samples[index]!.map((s) => s.p99)),
    statementsPerRequest: Math.round(median(samples[index]!.map((s) => s.statementsPerRequest)) * 100) / 100,
    errors: samples[index]!.reduce((sum, s) => sum + s.errors, 0),
  }));
  const run = { date: new Date().toISOString(), seconds: SECONDS, rounds: ROUNDS, connections: CONNECTIONS, pageSize: PAGE, node: process.version, results };
  publishRun(LOADERS_REPORT, run);
}

runBenchmark(main);
