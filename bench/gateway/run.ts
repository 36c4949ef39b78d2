// `npm run bench:gateway`: our gateway, stock @apollo/gateway, Hive Gateway (with its JavaScript
// and with Hive Router's Rust query planner), Grafbase's Rust gateway and a bare node:http
// ceiling, each in its own process (pinned to one core where taskset exists), driven with the same
// operations in interleaved rounds. Results: bench/results/gateway.json and the "Gateway" section
// of docs/benchmarks.md.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_PASSWORD, demoUsers } from '@shopgraph/demo-data';
import { GATEWAY_NODE_FLAGS } from '@shopgraph/gateway';
import { startChild, type Child } from '../child-process';
import { publishRun, runBenchmark } from '../results';
import { cpuMilliseconds, hasTaskset, pin, residentMegabytes } from './proc';
import { createBenchSigningKey, subjectOf, type BenchSigningKey } from './fresh-tokens';
import { missingPeerPackages } from './peers';
import { renderAllocationSummary, summariseHeapProfile } from './heap-profile';
import { summariseProfile } from './profile';
import { GATEWAY_REPORT, GATEWAYS, OUR_GATEWAYS, renderWorkloadTables, type GatewayKind, type GatewayRun, type Sample } from './report';
import { bodyOf, deepCatalogue, headersOf, verificationCalls, WORKLOAD_NAMES, workloads, type Call, type Fixtures, type Workload } from './workloads';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 1);
const PROFILE = process.env.BENCH_PROFILE !== 'off';
/**
 * BENCH_PROFILE_KIND=heap: the profiled gateway runs under V8's sampling heap profiler instead of
 * the CPU profiler, and the bytes it allocates per request are printed by site. Partial runs only:
 * the committed results keep the CPU profile.
 */
const PROFILE_KIND = process.env.BENCH_PROFILE_KIND === 'heap' ? 'heap' : 'cpu';
// Comma-separated subsets (gateway kinds, workload ids) for quick comparisons while working; a
// partial run prints its numbers and writes nothing, so the committed results stay whole.
const ONLY_GATEWAYS = process.env.BENCH_GATEWAYS?.split(',').filter(Boolean);
const ONLY_WORKLOADS = process.env.BENCH_WORKLOADS?.split(',').filter(Boolean);
const PARTIAL = Boolean(ONLY_GATEWAYS || ONLY_WORKLOADS);

type Urls = Record<string, string>;

/** Our gateway runs with its production Node flags (GATEWAY_NODE_FLAGS); BENCH_OURS_FLAGS overrides them to compare. */
const PROFILED_GATEWAY = (process.env.BENCH_PROFILE_GATEWAY ?? 'ours-hive') as GatewayKind;
const OURS_FLAGS = process.env.BENCH_OURS_FLAGS !== undefined ? process.env.BENCH_OURS_FLAGS.split(' ').filter(Boolean) : [...GATEWAY_NODE_FLAGS];

async function post(url: string, c: Call): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'POST', headers: headersOf(c), body: bodyOf(c) });
  return { status: response.status, text: await response.text() };
}

async function graphql<T>(url: string, operationName: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await post(url, { operationName, query, variables });
  const result = JSON.parse(response.text) as { data?: T; errors?: unknown };
  if (!result.data || result.errors) throw new Error(`fixture query failed: ${response.text.slice(0, 300)}`);
  return result.data;
}

/** Slugs, a review id and ten customers' access tokens, through the platform's own gateway; fresh tokens for the same customers signed with `key`. */
async function loadFixtures(gatewayUrl: string, key: BenchSigningKey): Promise<Fixtures> {
  const page = await graphql<{ products: { edges: { node: { slug: string; reviews: { edges: { node: { id: string } }[] } } }[] } }>(
    gatewayUrl,
    'BenchFixtures',
    'query BenchFixtures { products(first: 40) { edges { node { slug reviews(first: 1) { edges { node { id } } } } } } }',
  );
  const nodes = page.products.edges.map((edge) => edge.node);
  const reviewId = nodes.flatMap((node) => node.reviews.edges.map((edge) => edge.node.id))[0];
  if (!reviewId) throw new Error('the seeded shop has no reviews');
  const tokens: string[] = [];
  for (const user of demoUsers.filter((u) => u.role === 'CUSTOMER').slice(0, 10)) {
    const data = await graphql<{ login: { accessToken: string } }>(
      gatewayUrl,
      'BenchLogin',
      'mutation BenchLogin($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }',
      {
        email: user.email,
        password: DEMO_PASSWORD,
      },
    );
    tokens.push(data.login.accessToken);
  }
  const subjects = tokens.map(subjectOf);
  return { slugs: nodes.map((node) => node.slug), reviewId, tokens, freshToken: (index) => key.mint(subjects[index % subjects.length]!) };
}

const answerKey = (c: Call) => `${c.operationName}:${JSON.stringify(c.variables)}`;

interface Answer {
  json: unknown;
  text: string;
  /** The gateway that answered first, whose answers the others must match. */
  kind: GatewayKind;
}

/** Where two answers first part, as a path and both values, to say why a gateway failed verification. */
function firstDifference(actual: unknown, expected: unknown, path = '$'): string {
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    for (const key of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
      const [a, e] = [(actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key]];
      if (!isDeepStrictEqual(a, e)) return firstDifference(a, e, `${path}.${key}`);
    }
  }
  return `${path}: ${JSON.stringify(actual)?.slice(0, 200)} where the reference has ${JSON.stringify(expected)?.slice(0, 200)}`;
}

/** Every call through `url` must answer 200 with the same JSON as the reference (the first gateway's answers: ours, in a whole run). */
async function verify(kind: GatewayKind, url: string, calls: Call[], reference: Map<string, Answer>): Promise<void> {
  for (const c of calls) {
    const { status, text } = await post(url, c);
    const json = JSON.parse(text) as { errors?: unknown };
    if (status !== 200 || json.errors) throw new Error(`${kind} answered ${c.operationName} with ${status}: ${text.slice(0, 400)}`);
    const expected = reference.get(answerKey(c));
    if (!expected) reference.set(answerKey(c), { json, text, kind });
    else if (!isDeepStrictEqual(json, expected.json))
      throw new Error(
        `${kind} answered ${c.operationName} ${JSON.stringify(c.variables)} differently from ${expected.kind}: ${firstDifference(json, expected.json)}`,
      );
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * One timed window in steady state: autocannon opens its connections and drives them for
 * WARMUP_SECONDS first, then the window starts on those same keep-alive connections (as a load
 * balancer's pooled connections would be), so 50 connections opening and firing at once is not in
 * the percentiles. Latencies count requests sent inside the window; requests/s, CPU and subgraph
 * calls count the responses that arrived in it.
 */
async function measure(gateway: Child<{ url: string; pid: number }>, workload: Workload, memory: Child<unknown>): Promise<Sample> {
  const stats = () => memory.ask<{ stats: { requests: number; misses: number } }>('stats').then((m) => m.stats);
  const latencies: number[] = [];
  let window: { startedAt: number; cpuBefore: number; subgraphBefore: Promise<{ requests: number; misses: number }>; responses: number } | undefined;
  const opening = setTimeout(() => {
    window = { startedAt: performance.now(), cpuBefore: cpuMilliseconds(gateway.ready.pid), subgraphBefore: stats(), responses: 0 };
  }, WARMUP_SECONDS * 1000);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: gateway.ready.url, method: 'POST', connections: CONNECTIONS, duration: WARMUP_SECONDS + SECONDS, requests: workload.requests() },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // Every response's latency, for percentiles autocannon does not report (p95).
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (!window) return;
      window.responses += 1;
      if (performance.now() - responseTime >= window.startedAt) latencies.push(responseTime);
    });
  });
  clearTimeout(opening);
  if (!window) throw new Error('the timed window never opened');
  const seconds = (performance.now() - window.startedAt) / 1000;
  // autocannon stops waiting at the deadline; let the requests still in flight finish before reading counters.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cpuMs = cpuMilliseconds(gateway.ready.pid) - window.cpuBefore;
  const subgraphBefore = await window.subgraphBefore;
  const subgraphAfter = await stats();
  const requests = window.responses;
  latencies.sort((a, b) => a - b);
  const perRequest = (value: number) => (requests > 0 ? value / requests : 0);
  return {
    requestsPerSecond: requests / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    p99Ms: percentile(latencies, 99),
    errors: result.errors + result.non2xx + result.timeouts,
    cpuMsPerRequest: perRequest(cpuMs),
    rssMb: residentMegabytes(gateway.ready.pid),
    subgraphRequestsPerRequest: workload.subgraphs === 'memory' ? perRequest(subgraphAfter.requests - subgraphBefore.requests) : null,
    subgraphMisses: subgraphAfter.misses - subgraphBefore.misses,
  };
}

/**
 * Our gateway on one in-memory workload under V8's CPU profiler, warmed up first and sampled over the timed
 * window only; the busiest functions by self time. BENCH_PROFILE_KEEP=<dir> keeps the .cpuprofile;
 * BENCH_PROFILE_GATEWAY picks which of ours (default ours-hive, the gateway's default planner).
 * With BENCH_PROFILE_KIND=heap, prints the bytes allocated per request by site and returns null.
 */
async function profileOurs(memoryUrls: Urls, workload: Workload, core: string | undefined): Promise<GatewayRun['profile']> {
  const dir = process.env.BENCH_PROFILE_KEEP ?? mkdtempSync(join(tmpdir(), 'gateway-profile-'));
  mkdirSync(dir, { recursive: true });
  const kind = PROFILED_GATEWAY;
  const path = join(dir, `${kind}-${Date.now()}.${PROFILE_KIND === 'heap' ? 'heapprofile' : 'cpuprofile'}`);
  const gateway = await startChild<{ url: string; pid: number }>(
    join(__dirname, 'serve-gateway.ts'),
    { BENCH_GATEWAY: kind, BENCH_SUBGRAPH_URLS: JSON.stringify(memoryUrls) },
    { core, execArgv: OURS_FLAGS },
  );
  let responses: number;
  try {
    await autocannon({ url: gateway.ready.url, method: 'POST', connections: CONNECTIONS, duration: WARMUP_SECONDS, requests: workload.requests() });
    await gateway.ask('profile-start', { kind: PROFILE_KIND });
    await autocannon({ url: gateway.ready.url, method: 'POST', connections: CONNECTIONS, duration: SECONDS, requests: workload.requests() });
    await new Promise((resolve) => setTimeout(resolve, 500));
    ({ responses } = await gateway.ask<{ responses: number }>('profile-stop', { path }));
  } finally {
    await gateway.stop();
  }
  if (PROFILE_KIND === 'heap') {
    process.stdout.write(`\n${renderAllocationSummary(workload.name, summariseHeapProfile(path, responses))}\n`);
    return null;
  }
  return { workload: workload.name, seconds: SECONDS, ...summariseProfile(path) };
}

/** Well inside an access token's 15 minutes: a gateway's workloads take a minute or two. */
const FIXTURES_MAX_AGE_MS = 8 * 60_000;

/** Grafbase cannot sign subgraph requests, so it runs where the in-memory subgraphs sign for it (grafbase.ts). */
const MEMORY_ONLY: readonly GatewayKind[] = ['grafbase'];

/** The gateways asked for (BENCH_GATEWAYS, or all) whose packages are installed; says which are skipped and why. */
function runnableGateways(): GatewayKind[] {
  const asked = GATEWAYS.map((g) => g.kind).filter((kind) => !ONLY_GATEWAYS || ONLY_GATEWAYS.includes(kind));
  const missing = asked.filter((kind) => missingPeerPackages(kind).length > 0);
  if (missing.length > 0) {
    const packages = [...new Set(missing.flatMap(missingPeerPackages))].join(', ');
    process.stdout.write(`skipping ${missing.join(', ')}: ${packages} not in bench/peers/node_modules; run \`npm run bench:install\` first\n`);
  }
  return asked.filter((kind) => !missing.includes(kind));
}

async function main(): Promise<void> {
  if (PROFILE_KIND === 'heap' && !PARTIAL)
    throw new Error('BENCH_PROFILE_KIND=heap is for partial runs (BENCH_GATEWAYS / BENCH_WORKLOADS): a full run publishes the CPU profile');
  if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL (workload (a) runs the real subgraphs on Postgres; REDIS_URL too for the shared cache)');
  const cores = availableParallelism();
  // The gateway under test gets the last core to itself; the load generator and subgraphs share the rest.
  const pinned = cores >= 2 && hasTaskset();
  const gatewayCore = pinned ? String(cores - 1) : undefined;
  if (pinned) pin(process.pid, cores === 2 ? '0' : `0-${cores - 2}`);

  const kinds = runnableGateways();
  const key = createBenchSigningKey();
  const subgraphs = await startChild<{ gatewayUrl: string; subgraphUrls: Urls }>(join(__dirname, 'serve-subgraphs.ts'), {});
  const memory = await startChild<{ subgraphUrls: Urls }>(join(__dirname, 'memory-subgraphs.ts'), {
    BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphs.ready.subgraphUrls),
    BENCH_EXTRA_JWK: JSON.stringify(key.publicJwk),
  });
  const answersDir = mkdtempSync(join(tmpdir(), 'gateway-bench-'));
  const answersPath = join(answersDir, 'answers.json');
  const samples = new Map<string, Sample[]>();
  let profile: GatewayRun['profile'] = null;
  try {
    // A full run outlasts the access tokens signed in at its start (ACCESS_TOKEN.ttlSeconds), so
    // the customers sign in again before a gateway starts once their tokens are FIXTURES_MAX_AGE_MS old.
    const fixturesFor = async () => {
      const loaded = await loadFixtures(subgraphs.ready.gatewayUrl, key);
      return { fixtures: loaded, all: workloads(loaded).filter((w) => !ONLY_WORKLOADS || ONLY_WORKLOADS.includes(w.id)), at: Date.now() };
    };
    let { fixtures, all, at: fixturesAt } = await fixturesFor();
    const reference = new Map<string, Answer>();
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const phase of ['real', 'memory'] as const) {
        for (const kind of kinds) {
          if (!all.some((w) => w.subgraphs === phase)) continue;
          if (phase === 'real' && MEMORY_ONLY.includes(kind)) continue;
          if (Date.now() - fixturesAt > FIXTURES_MAX_AGE_MS) ({ fixtures, all, at: fixturesAt } = await fixturesFor());
          const urls = phase === 'real' ? subgraphs.ready.subgraphUrls : memory.ready.subgraphUrls;
          if (kind === 'ceiling') writeFileSync(answersPath, JSON.stringify(Object.fromEntries([...reference].map(([key, value]) => [key, value.text]))));
          const gateway = await startChild<{ url: string; pid: number }>(
            join(__dirname, 'serve-gateway.ts'),
            { BENCH_GATEWAY: kind, BENCH_SUBGRAPH_URLS: JSON.stringify(urls), BENCH_CEILING_ANSWERS: answersPath },
            { core: gatewayCore, execArgv: OUR_GATEWAYS.includes(kind) ? OURS_FLAGS : [] },
          );
          try {
            await verify(kind, gateway.ready.url, verificationCalls(fixtures, phase), reference);
            if (round === 0 && phase === 'memory' && kind === kinds[0] && all.some((w) => w.id === 'deep-response')) {
              const deep = reference.get(answerKey(deepCatalogue()));
              const bytes = deep ? Buffer.byteLength(deep.text) : 0;
              if (deep) process.stdout.write(`(e) deep query: ${bytes} bytes (${(bytes / 1024).toFixed(1)} KB) per answer\n`);
            }
            // A fresh process: let the JIT and each gateway's caches warm on every workload before timing.
            for (const workload of all.filter((w) => w.subgraphs === phase)) {
              await autocannon({ url: gateway.ready.url, method: 'POST', connections: CONNECTIONS, duration: WARMUP_SECONDS, requests: workload.requests() });
            }
            for (const workload of all.filter((w) => w.subgraphs === phase)) {
              const sample = await measure(gateway, workload, memory);
              const key = `${kind}|${workload.id}`;
              samples.set(key, [...(samples.get(key) ?? []), sample]);
              process.stdout.write(
                `round ${round + 1} ${kind.padEnd(7)} ${workload.name}: ${sample.requestsPerSecond.toFixed(0)} req/s, p50 ${sample.p50Ms.toFixed(1)} ms, p99 ${sample.p99Ms.toFixed(1)} ms, ${sample.cpuMsPerRequest.toFixed(3)} CPU ms/req, ${sample.errors} errors\n`,
              );
            }
          } finally {
            await gateway.stop();
          }
        }
      }
    }
    // BENCH_PROFILE_WORKLOAD picks another in-memory workload to profile (e.g. deep-response);
    // (c) no-dedup by default, the one issue 17's before-profile was taken on.
    // With fixtures of its own, signed in now: a profile of expired tokens would measure the refusals.
    const profileId = process.env.BENCH_PROFILE_WORKLOAD ?? 'no-dedup';
    const profiled = PROFILE && all.some((w) => w.id === profileId) ? (await fixturesFor()).all.find((w) => w.id === profileId) : undefined;
    if (profiled) profile = await profileOurs(memory.ready.subgraphUrls, profiled, gatewayCore);
  } finally {
    await memory.stop();
    await subgraphs.stop();
  }
  const run: GatewayRun = {
    date: new Date().toISOString(),
    node: process.version,
    cores,
    pinned: pinned ? `gateway on core ${gatewayCore}, load generator and subgraphs on the others` : 'not pinned (no taskset or one core)',
    seconds: SECONDS,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    workloads: WORKLOAD_NAMES,
    samples: Object.fromEntries(samples),
    profile,
  };
  if (PARTIAL || kinds.length < GATEWAYS.length) {
    process.stdout.write(`\n${renderWorkloadTables(run).join('\n\n')}\n`);
    if (profile)
      process.stdout.write(
        `\nprofile (${profile.busyMs} ms busy):\n${profile.topFunctions.map((f) => `  ${f.percent}% ${f.selfMs} ms ${f.name} ${f.where}`).join('\n')}\n${profile.byPackage.map((p) => `  ${p.percent}% ${p.name}`).join('\n')}\n`,
      );
    process.stdout.write('\npartial run (BENCH_GATEWAYS / BENCH_WORKLOADS, or peers not installed): nothing written\n');
    return;
  }
  publishRun(GATEWAY_REPORT, run);
}

runBenchmark(main);
