import { writeDocsSection } from '../docs-section';

export const SUBSCRIPTIONS_HEADING = '## Subscriptions';

/** What each event asks for: the event's own fields only, or also `order { id status }` (a planned query per subscriber per event). */
export type Selection = 'event' | 'order';

export interface ScenarioResult {
  subscribers: number;
  /** Subscribers on `orderEvents` as admin, who get every change; the rest follow `myOrderUpdates` of customers whose orders do not change. */
  listening: number;
  connections: number;
  selection: Selection;
  /** Status changes asked for per second, and how many were made. */
  ratePerSecond: number;
  changes: number;
  /** Events that reached a client while measuring, against `listening × changes`. */
  deliveries: number;
  expectedDeliveries: number;
  /** Deliveries divided by the time from the first status change to the last delivery. */
  eventsPerSecond: number;
  /** Arrival at the client minus the event's `at` (stamped by orders in the transaction that commits the change). */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Per event, its first delivery's latency: the pipeline up to the fan-out. */
  firstDeliveryMs: { p50: number; p99: number };
  /** How long the status-change mutations took to answer (the commit is inside them). */
  mutationMs: { p50: number; p99: number };
  /** Of the gateway process (utime + stime from /proc) over the same time, as a share of one core. */
  gatewayCpuPercent: number;
  subscribersCpuPercent: number;
  /** VmRSS of the gateway after a full GC, before and after opening the subscriptions (idle). */
  rssBeforeMb: number;
  rssAfterMb: number;
  rssKbPerSubscription: number;
  heapKbPerSubscription: number;
  errors: number;
  closes: Record<string, number>;
}

export interface SubscriptionsRun {
  date: string;
  node: string;
  cores: number;
  /** os.loadavg() when the run started: other work on the machine. */
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  seconds: number;
  perConnection: number;
  scenarios: ScenarioResult[];
}

/** What the committed run showed; rewrite it when the numbers change. */
const READING = `Reading the committed run: (to be written after the first run).`;

const label = (s: ScenarioResult) => `${s.subscribers.toLocaleString('en-US')}, ${s.selection === 'event' ? 'event fields' : 'with order'}`;

function table(run: SubscriptionsRun): string {
  const rows = run.scenarios.map(
    (s) =>
      `| ${s.subscribers.toLocaleString('en-US')} (${s.listening.toLocaleString('en-US')} listening) | ${s.connections} | ${s.selection === 'event' ? 'event fields' : '`order { id status }` too'} | ${s.ratePerSecond} (${s.changes}) | ${s.deliveries.toLocaleString('en-US')} / ${s.expectedDeliveries.toLocaleString('en-US')} | ${s.eventsPerSecond.toFixed(0)} | ${s.latencyMs.p50} | ${s.latencyMs.p90} | ${s.latencyMs.p99} | ${s.latencyMs.max} | ${s.firstDeliveryMs.p50} | ${s.mutationMs.p50} | ${s.gatewayCpuPercent.toFixed(0)}% | ${s.subscribersCpuPercent.toFixed(0)}% | ${s.rssBeforeMb.toFixed(0)} → ${s.rssAfterMb.toFixed(0)} | ${s.rssKbPerSubscription.toFixed(1)} | ${s.heapKbPerSubscription.toFixed(1)} | ${s.errors} | ${Object.entries(s.closes).map(([code, count]) => `${count}×${code}`).join(', ') || '–'} |`,
  );
  return [
    '| subscribers | connections | selection | changes/s (made) | events delivered / expected | events/s delivered | p50 ms | p90 ms | p99 ms | max ms | first delivery p50 ms | mutation p50 ms | gateway CPU | subscribers\' CPU | gateway RSS MB idle, before → after | KB RSS / subscription | KB heap / subscription | errors | closed by gateway |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
}

function chart(run: SubscriptionsRun, title: string, axis: string, read: (s: ScenarioResult) => number, target: number): string {
  const values = run.scenarios.map(read);
  const max = Math.ceil(Math.max(target, ...values) * 1.1);
  return `\`\`\`mermaid
xychart-beta
  title "${title}"
  x-axis [${run.scenarios.map((s) => `"${label(s)}"`).join(', ')}]
  y-axis "${axis}" 0 --> ${max}
  bar [${values.map((v) => v.toFixed(1)).join(', ')}]
  line [${values.map(() => target).join(', ')}]
\`\`\``;
}

/** The "## Subscriptions" section of docs/benchmarks.md from one run. */
export function renderSubscriptionsSection(run: SubscriptionsRun): string {
  return `${SUBSCRIPTIONS_HEADING}

\`npm run bench:subscriptions\` (needs \`DATABASE_URL\` and \`REDIS_URL\`) starts the five real
subgraphs on Postgres and Redis in one process, our gateway in another (alone, run with
\`--expose-gc\`, so its CPU and memory are read from \`/proc\`), and a load generator in a third that
opens the subscriptions over graphql-ws, ${run.perConnection} per WebSocket connection. The gateway's defaults (20
subscriptions per connection, 50 per user) are raised through \`startGateway\`'s
\`subscriptionLimits\` (${run.perConnection} per connection, the subscriber count per user), and its cost budgets are
lifted, since every subscriber here is one of a few users on 127.0.0.1. The harness places paid orders
(cart and checkout, card 4242…) before the gateway starts, then marks them shipped and delivered as admin
through the platform's own gateway (not the one measured) at a steady rate for ${run.seconds} s.

- **Subscribers**: most follow \`orderEvents\` as admin, so every change reaches them; the rest follow
  \`myOrderUpdates\` as customers whose orders do not change (the hub still runs their filter on every
  event). Each subscription asks for the event's fields (\`cursor previousStatus status at\`) or, in
  the "with order" rows, \`order { id status }\` as well, which the gateway resolves with a query
  through its planner and the orders subgraph **for every subscriber and every event**.
- **Latency**: from commit to client, taken as the client's clock at arrival minus the event's
  \`at\`, which orders stamps inside the transaction that commits the change (so it includes the commit
  itself, the outbox relay, Redis Streams, the gateway's fan-out and the client's parse; same machine,
  same clock, millisecond resolution). Percentiles are over every delivery. "First delivery" is,
  per event, its earliest delivery (the pipeline before the fan-out), the median over events;
  "mutation" is how long markShipped/markDelivered took to answer the harness.
- **Events/s delivered**: deliveries to clients divided by the time from the first change to the last
  delivery. **Memory per subscription**: the gateway's \`VmRSS\` after a full GC with the N subscriptions
  open and idle, minus the same before they were opened (after a warm-up that opened, fed and closed a
  few), divided by N; the V8 heap difference the same way.
- **Other work on this machine**: the run shares its ${run.cores} cores with Postgres, Redis and whatever
  else runs; load average ${run.loadAverageAtStart.map((v) => v.toFixed(2)).join(' / ')} at the start and ${run.loadAverageAtEnd.map((v) => v.toFixed(2)).join(' / ')} at the end
  (other engineers' builds and tests were running), and nothing is pinned, so the gateway, the
  subgraphs and the load generator compete for the same cores.

The aim (issue 6): p99 under 50 ms at 1,000 subscribers, under 20 KB of gateway memory per idle
subscription (the line in each chart).

Run of ${run.date} on Node ${run.node}, ${run.cores} cores:

${table(run)}

${chart(run, 'p99 commit-to-client latency, ms (lower is better; line: 50 ms aim)', 'ms', (s) => s.latencyMs.p99, 50)}

${chart(run, 'gateway RSS per idle subscription, KB (lower is better; line: 20 KB aim)', 'KB', (s) => s.rssKbPerSubscription, 20)}

${READING}

Raw numbers: \`bench/results/subscriptions.json\`. \`npx tsx bench/subscriptions/render-report.ts\`
rewrites this section from it.
`;
}

export function writeSubscriptionsSection(path: string, run: SubscriptionsRun): void {
  writeDocsSection(path, SUBSCRIPTIONS_HEADING, renderSubscriptionsSection(run));
}
