import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchmarkReport } from '../results';

const WARMUP_NOTE = '1 s';

export type GatewayKind = 'ours' | 'ours-hive' | 'ours-apollo-engine' | 'apollo' | 'hive' | 'hive-rust' | 'grafbase' | 'ceiling' | 'engine-alone';

/** Our gateway in each of its engine settings (GATEWAY_ENGINE, GATEWAY_QUERY_PLANNER). */
export const OUR_GATEWAYS: readonly GatewayKind[] = ['ours', 'ours-hive', 'ours-apollo-engine', 'engine-alone'];

/** The gateways in the order they run and are listed; stock @apollo/gateway is the baseline, Grafbase the fastest peer. */
export const GATEWAYS: readonly { kind: GatewayKind; name: string }[] = [
  { kind: 'ours', name: 'Shopgraph gateway (our engine, Apollo planner)' },
  { kind: 'ours-hive', name: 'Shopgraph gateway (our engine, Hive planner)' },
  { kind: 'ours-apollo-engine', name: 'Shopgraph gateway (@apollo/gateway engine)' },
  { kind: 'apollo', name: 'stock @apollo/gateway' },
  { kind: 'hive', name: '@graphql-hive/gateway' },
  { kind: 'hive-rust', name: '@graphql-hive/gateway, Rust query planner' },
  { kind: 'grafbase', name: 'Grafbase (Rust)' },
  { kind: 'engine-alone', name: 'our engine alone (no Apollo Server, no plugins: a bound, not a gateway)' },
  { kind: 'ceiling', name: 'node:http ceiling (canned bytes)' },
];
const BASELINE: GatewayKind = 'apollo';
const RUST_BASELINE: GatewayKind = 'grafbase';

/** One gateway on one workload for one round. */
export interface Sample {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  /** utime + stime of the gateway process over the run, divided by the requests it answered. */
  cpuMsPerRequest: number;
  /** VmRSS right after the run. */
  rssMb: number;
  /** Counted by the in-memory subgraphs; null when the gateway talked to the real ones. */
  subgraphRequestsPerRequest: number | null;
  /** Timed subgraph requests the in-memory subgraphs had not recorded (should be 0). */
  subgraphMisses: number;
}

export interface GatewayRun {
  date: string;
  node: string;
  cores: number;
  pinned: string;
  seconds: number;
  rounds: number;
  connections: number;
  workloads: readonly { id: string; name: string }[];
  /** `${gateway}|${workload}` → one sample per round. */
  samples: Record<string, Sample[]>;
  profile: {
    workload: string;
    seconds: number;
    busyMs: number;
    topFunctions: { name: string; where: string; selfMs: number; percent: number }[];
    byPackage: { name: string; selfMs: number; percent: number }[];
  } | null;
}

/** The middle value; with an even count (two rounds by default), the mean of the middle two. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median round of each measure (each measure on its own), errors summed over rounds. */
export function summarise(samples: Sample[]): Sample {
  const pick = (read: (s: Sample) => number) => median(samples.map(read));
  const subgraph = samples.map((s) => s.subgraphRequestsPerRequest);
  return {
    requestsPerSecond: pick((s) => s.requestsPerSecond),
    p50Ms: pick((s) => s.p50Ms),
    p95Ms: pick((s) => s.p95Ms),
    p99Ms: pick((s) => s.p99Ms),
    errors: samples.reduce((sum, s) => sum + s.errors, 0),
    cpuMsPerRequest: pick((s) => s.cpuMsPerRequest),
    rssMb: Math.max(...samples.map((s) => s.rssMb)),
    subgraphRequestsPerRequest: subgraph.every((v) => v === null) ? null : median(subgraph.map((v) => v ?? 0)),
    subgraphMisses: samples.reduce((sum, s) => sum + s.subgraphMisses, 0),
  };
}

const ratio = (value: number, base: number | undefined) => (base && base > 0 ? `${(value / base).toFixed(2)}×` : '–');

function workloadTable(run: GatewayRun, workloadId: string): string {
  const rows = GATEWAYS.flatMap((gateway) => {
    const samples = run.samples[`${gateway.kind}|${workloadId}`];
    return samples ? [{ gateway, result: summarise(samples) }] : [];
  });
  const base = rows.find((row) => row.gateway.kind === BASELINE)?.result;
  const rust = rows.find((row) => row.gateway.kind === RUST_BASELINE)?.result;
  const lines = rows.map(({ gateway, result: r }) => {
    const subgraph = r.subgraphRequestsPerRequest === null ? '–' : r.subgraphRequestsPerRequest.toFixed(2);
    const versus = (read: (s: Sample) => number) => `${ratio(read(r), base && read(base))} | ${ratio(read(r), rust && read(rust))}`;
    // The ceiling's CPU is serving canned bytes: no gateway work to compare.
    const cpuVersus = gateway.kind === 'ceiling' ? '– | –' : versus((s) => s.cpuMsPerRequest);
    return `| ${gateway.name} | ${r.requestsPerSecond.toFixed(0)} | ${versus((s) => s.requestsPerSecond)} | ${r.p50Ms.toFixed(1)} | ${r.p95Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${versus((s) => s.p99Ms)} | ${r.cpuMsPerRequest.toFixed(3)} | ${cpuVersus} | ${r.rssMb.toFixed(0)} | ${subgraph} | ${r.errors} |`;
  });
  return [
    '| gateway | requests/s | vs stock | vs Grafbase | p50 ms | p95 ms | p99 ms | p99 vs stock | p99 vs Grafbase | CPU ms / request | CPU vs stock | CPU vs Grafbase | RSS MB | subgraph requests / request | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...lines,
  ].join('\n');
}

function chart(run: GatewayRun, workload: { id: string; name: string }): string {
  const rows = GATEWAYS.flatMap((gateway) => {
    const samples = run.samples[`${gateway.kind}|${workload.id}`];
    return samples ? [{ name: gateway.name, rps: summarise(samples).requestsPerSecond }] : [];
  });
  const max = Math.ceil(Math.max(...rows.map((row) => row.rps)) * 1.1);
  return `\`\`\`mermaid
xychart-beta
  title "${workload.name.replace(/"/g, "'")}: requests/s (higher is better)"
  x-axis [${rows.map((row) => `"${row.name.replace(/"/g, "'")}"`).join(', ')}]
  y-axis "requests/s" 0 --> ${max}
  bar [${rows.map((row) => row.rps.toFixed(0)).join(', ')}]
\`\`\``;
}

type ProfileSummary = NonNullable<GatewayRun['profile']>;

type ProfileBefore = ProfileSummary & { commit: string };

/**
 * Profiles of the gateway before an issue's work, kept to compare against: issue 9's (commit
 * cdd9ffb, on (b)) and issue 17's (commit ddc28ab, on (c) no-dedup, the workload profiled now).
 */
const PROFILES_BEFORE = [
  { issue: 17, file: 'gateway-profile-issue17-before.json' },
  { issue: 9, file: 'gateway-profile-before.json' },
] as const;

function profilesBefore(): (ProfileBefore & { issue: number })[] {
  return PROFILES_BEFORE.flatMap(({ issue, file }) => {
    const path = join(__dirname, '..', 'results', file);
    return existsSync(path) ? [{ issue, ...(JSON.parse(readFileSync(path, 'utf8')) as ProfileBefore) }] : [];
  });
}

function functionsTable(profile: ProfileSummary, top: number): string {
  return [
    '| share | self ms | function | where |',
    '|---:|---:|---|---|',
    ...profile.topFunctions.slice(0, top).map((f) => `| ${f.percent}% | ${f.selfMs} | \`${f.name}\` | ${f.where ? `\`${f.where}\`` : ''} |`),
  ].join('\n');
}

function packagesTable(profile: ProfileSummary): string {
  return ['| share | self ms | package |', '|---:|---:|---|', ...profile.byPackage.map((p) => `| ${p.percent}% | ${p.selfMs} | ${p.name} |`)].join('\n');
}

function profileSection(profile: ProfileSummary): string {
  const beforeParts = profilesBefore().map(
    (before) => `

Before issue ${before.issue} (commit ${before.commit}, ${before.workload}, the same method, ${before.busyMs} ms of CPU in ${before.seconds} s),
by package and by function:

${packagesTable(before)}

${functionsTable(before, 12)}`,
  );
  return `### Where our gateway's time goes

Our gateway (our engine, Hive planner: the default) under V8's CPU profiler (the sampler behind
\`node --cpu-prof\`, 1 ms interval), started over the inspector after a ${WARMUP_NOTE} warm-up and stopped
after ${profile.seconds} s of ${profile.workload}: the timed window only, no start-up or module loading.
${profile.busyMs} ms of CPU sampled, idle excluded. Self time now, by package and by function:

${packagesTable(profile)}

${functionsTable(profile, 15)}${beforeParts.join('')}`;
}

/** The issue 9 targets on (b), as ratios from this run. */
function targetsLine(run: GatewayRun): string {
  const get = (kind: GatewayKind) => {
    const samples = run.samples[`${kind}|storefront-memory`];
    return samples ? summarise(samples) : undefined;
  };
  const ours = get('ours');
  const stock = get('apollo');
  const hive = get('hive');
  if (!ours || !stock || !hive) return '';
  const x = (value: number) => `${value.toFixed(2)}×`;
  return `Issue 9's targets on (b), from this run: our CPU per request is ${x(ours.cpuMsPerRequest / stock.cpuMsPerRequest)} stock's (target at most 0.33×) and ${x(
    ours.cpuMsPerRequest / hive.cpuMsPerRequest,
  )} Hive Gateway's (target below 1×); our p99 is ${ours.p99Ms.toFixed(1)} ms against stock's p50 of ${stock.p50Ms.toFixed(1)} ms (target below it), at ${x(
    ours.requestsPerSecond / stock.requestsPerSecond,
  )} stock's requests/s.`;
}

/** Issue 17's targets, from this run: our default's CPU per request on every in-memory workload against stock and Hive Gateway (Rust planner). */
function issue17TargetsLine(run: GatewayRun): string {
  const cpu = (kind: GatewayKind, id: string) => {
    const samples = run.samples[`${kind}|${id}`];
    return samples ? summarise(samples).cpuMsPerRequest : undefined;
  };
  const cells = run.workloads
    .filter((w) => w.id !== 'storefront-real')
    .flatMap((w) => {
      const ours = cpu('ours-hive', w.id);
      const stock = cpu('apollo', w.id);
      const rust = cpu('hive-rust', w.id);
      return ours && stock && rust ? [`${w.name.split(' ')[0]} ${w.id}: ${(ours / stock).toFixed(2)}× stock, ${(ours / rust).toFixed(2)}× Hive (Rust)`] : [];
    });
  if (cells.length === 0) return '';
  return `Issue 17's targets (our default, our engine with Hive's planner: CPU per request at most 0.10× stock's on every in-memory workload, and below Hive Gateway with the Rust planner's), from this run: ${cells.join('; ')}.`;
}

/** Each workload's table of the gateways that ran it, with ratios: what a partial run prints. */
export function renderWorkloadTables(run: GatewayRun, charts = false): string[] {
  return run.workloads
    .filter((w) => GATEWAYS.some((g) => run.samples[`${g.kind}|${w.id}`]))
    .map((w) => `### ${w.name}\n\n${workloadTable(run, w.id)}${charts ? `\n\n${chart(run, w)}` : ''}`);
}

/** The "## Gateway" section of docs/benchmarks.md from one run. */
export function renderGatewaySection(run: GatewayRun): string {
  const tables = renderWorkloadTables(run, true);
  return `## Gateway

\`npm run bench:install\` once (the peer gateways, in \`bench/peers\` with their own lockfile, so the
repository's install does not carry them), then \`npm run bench:gateway\` (needs \`DATABASE_URL\`;
\`REDIS_URL\` too for the subgraphs' shared cache; a peer that is not installed is skipped, and then
nothing is written) starts the five real subgraphs, then each gateway in turn in its own process, pinned to one
core with \`taskset\` where there is one (${run.pinned}), and drives the same operations through
each with autocannon, ${run.connections} connections, ${run.seconds} s per workload, in ${run.rounds} interleaved rounds. Each
cell is the median round. Each timed window is steady state: a fresh gateway process is warmed on
every workload first, then each window opens after ${WARMUP_NOTE} of load on the same keep-alive connections
(as a load balancer's pooled connections would be), so 50 connections opening and firing at once
are not in the percentiles; latencies count the requests sent inside the window, requests/s and
CPU the responses that arrived in it. Before timing, every gateway must answer every operation with the same
JSON (deep-equal) as ours, with no errors. Ratios are against stock \`@apollo/gateway\` (ApolloServer +
ApolloGateway over the same supergraph) and against Grafbase's Rust gateway; this machine is shared
and noisy, so the ratios, not the absolute numbers, are the claim.

- **Gateways**: ours (\`startGateway\` from \`@shopgraph/gateway\`, production mode: signing,
  JWT verification, @authenticated/@requiresScopes enforcement, sign-in rate limits, error masking);
  stock \`@apollo/gateway\` with \`RemoteGraphQLDataSource\` (a fetcher that signs subgraph requests as
  ours does, for the anonymous viewer, and Authorization forwarded); Hive Gateway's Node API
  (\`createGatewayRuntime\`, signing in an \`onFetch\` plugin, Authorization propagated), with its
  JavaScript planner and again with Hive Router's Rust query planner (\`unifiedGraphHandler\` from
  \`@graphql-hive/router-runtime\`); Grafbase's Rust gateway (\`grafbase dev\` from
  \`@grafbase/cli-x86_64-unknown-linux-musl\`, composed offline from each subgraph's
  \`schema.graphql\`, Authorization forwarded; its CPU and memory are the binary's). Grafbase cannot
  make our subgraphs' HMAC signature, so it runs on the in-memory workloads only, where the
  in-memory subgraphs sign what it sends the first time; and a bare
  \`node:http\` server answering each request with the bytes our gateway answered it with: the most a
  Node process on this core can serve, gateway work aside.
- **Workloads**: (a) the public storefront operations from \`packages/operations\`
  (StorefrontProducts, ProductPage, CategoryTree, ReviewDetails, LowStock, in turn) on the real
  subgraphs, Postgres and Redis; (b) the same with each subgraph replaced by a \`node:http\` server
  answering from memory, by exact request body, what the real one answered when first asked, so
  only gateway cost is left; (c) on in-memory subgraphs, StorefrontProducts with a new comment in
  every request (a new query hash, so no cached parse, validation or plan in a gateway that keys
  on the text), and ProductPage with the product and the signed-in customer (ten access tokens)
  changing on every request, so nothing can be deduplicated or cached per operation and variables;
  (d) on in-memory subgraphs, three neighbouring products by alias (\`first: product(..)\`,
  \`second: ..\`, \`third: ..\`, each with price, stock and rating) for a changing signed-in
  customer: the planner fetches stock and rating once per alias, side by side, which ours merges.
  (e) on in-memory subgraphs, one deep anonymous query (a hundred products with price, stock and
  category, four reviews each with author and product, nine levels) from products, inventory,
  reviews and users: an answer of 92.7 KB; (f) on in-memory subgraphs, ProductPage where every
  request carries an access token of its own (a new \`jti\`, one of ten customers), so no gateway can
  reuse a verification or deduplicate by Authorization. The users subgraph's private key never
  leaves its database, so those tokens are ES256-signed with a key the harness makes for the run and
  the in-memory users subgraph adds to its JWKS: ours verifies each one as it would one from sign-in.
  UserWithHistory and OrderDetails need a signed-in owner and are left out.
- **CPU ms / request**: the gateway process's \`utime + stime\` (from \`/proc/<pid>/stat\`) over the run
  divided by the requests answered: the cost that decides how many cores a gateway needs,
  whatever the latency. **RSS**: \`VmRSS\` after the run (the highest round).
  **Subgraph requests / request**: counted by the in-memory subgraphs.
- Ours does more per request than the others: it verifies access tokens (ES256, once per token
  until it expires, so on every request in (f)) where they only forward the header, and runs the
  authorization, cost-budget and rate-limit plugins. Those costs are in its numbers, as they are in
  production.

Run of ${run.date} on Node ${run.node}, ${run.cores} cores:

${tables.join('\n\n')}

${targetsLine(run)}

${issue17TargetsLine(run)}

Reading the committed run (2 cores, so the load generator, the subgraphs and the ceiling share
one core, and other work on this machine shares the gateway's): issue 9 made ours cheaper than
stock \`@apollo/gateway\` per request on every workload. What changed, in the order the profile
pointed at it: subgraph calls go over keep-alive sockets (node:http then, undici since issue 17; at most 128 per subgraph)
instead of the global \`fetch\`, whose WHATWG requests, streams and body tee were a fifth of the
CPU; identical in-flight subgraph queries of the anonymous viewer are sent once (hence fewer
subgraph requests per request on the storefront mix, as Hive Gateway does; a signed-in viewer's
calls and mutations never are, so (c) no-dedup sends as many as stock); no AsyncLocalStorage on
the gateway's requests (its promise hooks taxed every promise); verified access tokens are kept
until they expire (bounded, rechecked each minute); cost, limits and authorization refusals are
computed once per cached document (and variables, or viewer class); the plan cache is keyed by
the printed operation, so a new comment reuses the plan, which is most of the (c) plan-cache miss
gain (since issue 17 a new text of a validated operation is not parsed or validated either:
\`gateway/src/persisted/operation-documents.ts\`); the gateway runs with
\`--max-semi-space-size=64\` (\`GATEWAY_NODE_FLAGS\`, in every start script and the compose file): with
V8's default 16 MB semi-spaces, scavenges kept finding the requests in flight alive and copying
them, and the garbage collector took 14.5% of the gateway's CPU; with 64 MB it takes about 5%, and
paired runs (ours with and without the flag, alternating) used 15-30% less CPU per request. A
plan's sibling entity fetches to one subgraph (the planner makes one per response path, so
\`first: product(..) { stock }\` and \`second: product(..) { stock }\` ask inventory twice at once)
are sent as one \`_entities\` call and the answer cut back per fetch (\`gateway/src/fetch/merge\`;
\`mergeSiblingFetches: false\` turns it off): on (d) it makes 3 subgraph calls per request where stock
\`@apollo/gateway\` makes 7 (Hive Gateway batches them as well). None of the storefront operations has such siblings. Since issue 8, ours charges every
operation's cost to a per-IP budget; the harness gives it an unreachable budget (one load
generator would otherwise be refused within seconds) but the measuring and charging are still in
its numbers. The p99s of the others are queueing: 50 connections on a gateway serving a few
hundred requests a second.

Issue 17 (CPU per request on (c) no-dedup and (f) fresh-tokens, where every request makes 3.8
signed subgraph calls and nothing can be shared) started from a profile of (c) no-dedup on our
default gateway (the "Before issue 17" tables below; inclusive shares here). node:http's client
was about a quarter of the CPU (ClientRequest, agent bookkeeping, the streams between socket and
our buffer): subgraph calls now go through undici's connection pools, dispatched with a handler
that gets the answer in chunks and no stream (the same limits: 128 connections per subgraph, the
idle timeout, abort on the call's timeout, also while a call waits for a connection).
\`RemoteGraphQLDataSource.process\` built a node-fetch \`Headers\` and \`Request\` for every call that
nothing read (4%): \`SubgraphRequest\` sends its calls itself, same body, headers, errors and cache
hint. Signing was 5%: the HMAC secret is imported once and the body hashed in one shot (3.4% after).
An \`AbortController\` per call (3%) became a plain signal object only our fetcher reads. In
partial runs (\`BENCH_GATEWAYS=ours-hive,apollo BENCH_WORKLOADS=no-dedup,fresh-tokens BENCH_ROUNDS=1
npm run bench:gateway\`, same machine and run for each pair) no-dedup went from 1.005 to 0.66 CPU ms
per request (0.39× stock to 0.27×) and fresh-tokens from 1.145 to 0.74 (0.47× to 0.37×). What is
left is spread thin, and the biggest pieces are not in the fetch path: on (f), ES256 verification
itself (OpenSSL's \`verifyOneShot\` under jose, about 110 µs per token, 16% of the CPU) cannot be
cached when every token is new.

A second pass took out what the profile showed as pure overhead, about 6% of the sampled CPU
(docs/gateway.md, "Keeping the per-request path cheap"): Apollo Server's
\`@apollo/utils.createhash\` called \`module.require("crypto")\` on every query hash (patched to
load it once: 3% to 1.2%); the HTTP server built a \`ClientClosed\` error with its stack on every
request's \`close\` (1.4% to 0); the bundle's \`keepNames\` renamed every named closure made per
request or per fetch (1.5% to 0); plugins that keep nothing per request now share one listener; the
subgraph-call histogram's labels and the JWKS URL are made once. Paired before/after runs on a busy
machine disagreed in sign, so no gain is claimed from that pass alone.

A third pass (the run above) took the work itself off the requests that do not need it. A known
operation in a new text (another comment, other spacing) is no longer parsed or validated:
validated documents are kept by their printed form too, under the schema's hash
(\`gateway/src/persisted/operation-documents.ts\`), which took validation's fifth of the CPU out of
(c) plan-cache miss; a truly new operation still pays for parsing, validation and planning, and no
workload here measures that. Identical anonymous queries in flight at once now run their plan once
and share its result, whose data is serialised once (\`gateway/src/engine/shared-executions.ts\`):
the subgraph-call sharing already sent their calls once, but every request still parsed its own
copy of each shared answer, merged it and wrote the response, which was most of the CPU on (e).
Everything before execution (limits, budgets, rate limits, authorization) and after it (errors with
each request's own id, status, Cache-Control) is still done per request. A helper also cut about 5%
of the bytes allocated per request (\`BENCH_PROFILE_KIND=heap\`), with no CPU gain it could show on
a busy machine; a helper's response writer that wrote JSON text directly cost 1.18× the object
writer plus \`JSON.stringify\` and was dropped.

Where that leaves issue 17's target of 0.10× stock: met on the anonymous workloads ((b) 0.05×,
(c) plan-cache miss 0.03×, (e) 0.03×, below Grafbase's 0.04× to 0.07× there), not on the signed-in
ones, where no call can be shared ((c) no-dedup 0.19×, (d) 0.13×, (f) 0.27×; Grafbase 0.08× to
0.11×). Below Hive Gateway with the Rust planner is reached on every workload, and our default's
p99 is below stock's p50 on every workload.

The row "our engine alone" (\`bench/gateway/engine-alone.ts\`, since this run) says how much of
that is Apollo Server's: the same plan executor, planner, signed and timed subgraph calls,
sibling-fetch merging, shared anonymous executions and access-token verifier, behind a bare
node:http handler that parses and validates each text once and executes. None of Apollo Server's
request pipeline runs (HTTP parsing and negotiation, the query hash, the document store, every
plugin's hooks at every step, error formatting), and none of our plugins (limits, cost budgets,
authorization, APQ, request metrics). It is a bound, not a gateway. On (c) plan-cache miss it is
no bound at all: without our document cache it parses, validates and plans every new text. Apollo
Server's pipeline with our plugins cost 0.07 ms per request on (b) and 0.15 to 0.17 ms on the
others, a quarter to a third of our CPU on the signed-in workloads. Without it, (d) would be at 0.09× stock,
but (c) no-dedup would still be at 0.13× and (f) at 0.20×. \`npm run bench:floor\` measures what a
Node process pays there before any GraphQL work: one subgraph call through our fetcher with its
answer parsed (0.021 CPU ms, measured right after this run), one ES256 verification with jose
(0.088 ms), plus the node:http ceiling of this run. Its floors, against stock: (c) no-dedup 0.05×,
(d) 0.03×, (f) 0.09×. So on (f) the target leaves 0.01× of stock's CPU (about 0.02 ms) for all the
GraphQL work of a request that verifies a new token (stock and the other peers only forward it),
and on (c) no-dedup, even with Apollo Server gone, the engine's own work (signing each call, the
fetch path, undici, writing the answer, garbage collection) is 0.19 ms against the 0.12 ms the
target leaves it.

${run.profile ? profileSection(run.profile) : ''}

Raw numbers, every round: \`bench/results/gateway.json\`. \`npx tsx bench/gateway/render-report.ts\`
rewrites this section from it.
`;
}

export const GATEWAY_REPORT: BenchmarkReport<GatewayRun> = { name: 'gateway', heading: '## Gateway', render: renderGatewaySection };
