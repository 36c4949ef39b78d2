import type { BenchmarkReport } from '../results';

export interface ConfigResult {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  statementsPerRequest: number;
  errors: number;
}

export interface LoadersRun {
  date: string;
  seconds: number;
  rounds: number;
  connections: number;
  pageSize: number;
  node: string;
  results: ConfigResult[];
}

export const LOADERS_HEADING = '## DataLoaders and the Redis entity cache';

/** The loaders section of docs/benchmarks.md from one run: the table, ratios to the baseline, and a chart. */
export function renderLoadersReport(run: LoadersRun): string {
  const [baseline] = run.results;
  const ratio = (value: number) => (baseline && baseline.requestsPerSecond > 0 ? `${(value / baseline.requestsPerSecond).toFixed(1)}×` : '–');
  const rows = run.results.map(
    (r) =>
      `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${ratio(r.requestsPerSecond)} | ${r.p50Ms} | ${r.p99Ms} | ${r.statementsPerRequest} | ${r.errors} |`,
  );
  const labels = run.results.map((r) => `"${r.name.replace(/"/g, "'")}"`).join(', ');
  const max = Math.ceil(Math.max(...run.results.map((r) => r.requestsPerSecond)) * 1.1);
  return `${LOADERS_HEADING}

\`npm run bench:loaders\` (needs \`DATABASE_URL\` and \`REDIS_URL\`) starts three whole platforms, one
process each, and drives the storefront query (${run.pageSize} products with price, stock,
availability, rating, the three newest reviews and their authors: four subgraphs) through each
gateway with autocannon, ${run.connections} connections, ${run.seconds} s at a time, in ${run.rounds}
interleaved rounds; the table shows each configuration's median round. "Statements" are SQL
statements per GraphQL request, summed over all subgraphs (counted by the postgres.js hook).
Compare the ratios, not the absolute numbers: this machine is shared and noisy.

Run of ${run.date} on Node ${run.node}, 2 cores:

| configuration | requests/s | vs N+1 | p50 ms | p99 ms | statements / request | errors |
|---|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

\`\`\`mermaid
xychart-beta
  title "Storefront query, requests per second (higher is better)"
  x-axis [${labels}]
  y-axis "requests/s" 0 --> ${max}
  bar [${run.results.map((r) => r.requestsPerSecond.toFixed(0)).join(', ')}]
\`\`\`

Reading it: batching is what removes the N+1 (statements per request stop growing with the page
size). The shared cache then removes the entity reads (stock, ratings, products, categories), but
not the page query and its count, the newest-reviews relation or the authors, which are not
entity-cached, so it saves fewer statements than batching. What is left of each request's time is
mostly the gateway itself (planning and JSON on a 2-core machine): that is the gateway
performance work's to take on.

Configurations: \`SHOPGRAPH_LOADER_BATCHING=off\` makes every entity or relation load its own
statement (what a resolver-per-row server does); \`SHOPGRAPH_ENTITY_CACHE=off\` keeps the batching but
reads every entity from Postgres; the last is the default: batched loads over the shared Redis
cache. Raw numbers: \`bench/results/loaders.json\`.
`;
}

export const LOADERS_REPORT: BenchmarkReport<LoadersRun> = { name: 'loaders', heading: LOADERS_HEADING, render: renderLoadersReport };
