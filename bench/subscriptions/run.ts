// `npm run bench:subscriptions`: N order-status subscribers (1,000 and 10,000 by default) on one
// gateway process, fed by status changes made through the API at a steady rate. Reports
// commit-to-client latency, events delivered per second and gateway memory per idle subscription.
// Results: bench/results/subscriptions.json and the "Subscriptions" section of docs/benchmarks.md.
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { cpuMilliseconds, residentMegabytes } from '../gateway/proc';
import { startChild, type Child } from '../child-process';
import { publishRun, runBenchmark } from '../results';
import { SUBSCRIPTIONS_REPORT, type ScenarioResult, type Selection, type SubscriptionsRun } from './report';
import { createProduct, createReview, customerEmails, placeOrders, signIn, signInAdmin, statusChanges } from './shop';
import { changeMaker, RATED_PRODUCT_CATEGORY, REVIEWER_EMAIL, streamDocuments, usesOrders, type StreamContext } from './streams';
import type { ConnectionPlan, DeliverySummary } from './subscribers';

const list = (value: string) => value.split(',').filter(Boolean).map(Number);
const SUBSCRIBERS = list(process.env.BENCH_SUBSCRIBERS ?? '1000,10000');
/** A first run with this few subscribers gives the latency floor: commit, relay, Redis, one small fan-out (0 skips it). */
const FLOOR = Number(process.env.BENCH_FLOOR_SUBSCRIBERS ?? 10);
/** Subscriber counts also run with `order { id status }` in the selection (a planned query per subscriber per event). */
const WITH_ORDER = list(process.env.BENCH_WITH_ORDER ?? '1000');
const RATE = Number(process.env.BENCH_RATE ?? 2);
/** Also run each larger count at the rate that gives the first count's deliveries per second (on by default). */
const SAME_THROUGHPUT = process.env.BENCH_SAME_THROUGHPUT !== 'off';
const WITH_ORDER_RATE = Number(process.env.BENCH_WITH_ORDER_RATE ?? 0.25);
/** Subscriber counts also run on inventory's `stockChanged` and reviews' `ratingChanged` (at BENCH_RATE). */
const OTHER_STREAMS = list(process.env.BENCH_OTHER_STREAMS ?? '1000');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const PER_CONNECTION = Number(process.env.BENCH_PER_CONNECTION ?? 50);
const LISTENING_SHARE = Number(process.env.BENCH_LISTENING_SHARE ?? 0.9);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const BUYERS = 4;
const IDLE_CUSTOMERS = 6;
const WARMUP_SUBSCRIPTIONS = 10;
const REDIS_NAMESPACE = 'bench-subscriptions:';

interface Scenario {
  subscribers: number;
  selection: Selection;
  rate: number;
}

interface Users extends StreamContext {
  idle: string[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until it reaches `target`, stops moving for `quietMs`, or `timeoutMs` passes. */
async function waitForCount(read: () => Promise<number>, target: number, timeoutMs: number, quietMs = 5_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  let lastMoved = Date.now();
  for (;;) {
    const count = await read();
    if (count !== last) {
      last = count;
      lastMoved = Date.now();
    }
    if (count >= target || Date.now() > deadline || Date.now() - lastMoved > quietMs) return count;
    await sleep(50);
  }
}

/** Most subscribers listen as admin (to every order, or to the product that changes); the rest as customers, to what does not change. */
function connectionPlans(users: Users, subscribers: number, selection: Selection): { plans: ConnectionPlan[]; listening: number } {
  const listening = Math.round(subscribers * LISTENING_SHARE);
  const { listening: listeningQuery, idle: idleQuery } = streamDocuments(selection, users);
  const plans: ConnectionPlan[] = [];
  const add = (count: number, query: string, authorizationOf: (index: number) => string) => {
    for (let i = 0; i * PER_CONNECTION < count; i += 1) {
      plans.push({ authorization: authorizationOf(i), queries: Array.from({ length: Math.min(PER_CONNECTION, count - i * PER_CONNECTION) }, () => query) });
    }
  };
  add(listening, listeningQuery, () => users.admin);
  add(subscribers - listening, idleQuery, (i) => users.idle[i % users.idle.length]!);
  return { plans, listening };
}

async function gatewayMemory(gateway: Child<{ url: string }>): Promise<{ rssMb: number; heapUsedBytes: number }> {
  const { heapUsedBytes } = await gateway.ask<{ heapUsedBytes: number }>('memory');
  return { rssMb: residentMegabytes(gateway.pid), heapUsedBytes };
}

/** Waits until the gateway has used under 5% of a core for a second: the subscriptions are registered. */
async function gatewaySettled(pid: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = cpuMilliseconds(pid);
    await sleep(1_000);
    if (cpuMilliseconds(pid) - before < 50) return;
  }
}

async function runScenario(scenario: Scenario, users: Users, subgraphUrls: Record<string, string>): Promise<ScenarioResult> {
  const { plans, listening } = connectionPlans(users, scenario.subscribers, scenario.selection);
  const limits = { maxSubscriptionsPerConnection: PER_CONNECTION, maxSubscriptionsPerUser: scenario.subscribers };
  const env = { REDIS_URL: process.env.REDIS_URL!, BENCH_REDIS_NAMESPACE: REDIS_NAMESPACE };
  const gateway = await startChild<{ url: string }>(
    join(__dirname, 'serve-gateway.ts'),
    { ...env, BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls), BENCH_SUBSCRIPTION_LIMITS: JSON.stringify(limits) },
    { execArgv: ['--expose-gc'] },
  );
  const subscribers = await startChild<Record<string, never>>(join(__dirname, 'subscribers.ts'), {});
  const wsUrl = gateway.ready.url.replace(/^http/, 'ws');
  const deliveries = () => subscribers.ask<{ deliveries: number }>('count').then((answer) => answer.deliveries);
  const mutationMs: number[] = [];
  const change = changeMaker(scenario.selection, users);
  const next = async () => {
    const sent = Date.now();
    await change();
    mutationMs.push(Date.now() - sent);
  };
  try {
    // Warm-up: the subscription paths run (and are compiled) before the baseline is taken.
    const warmup = connectionPlans(users, WARMUP_SUBSCRIPTIONS, scenario.selection);
    await subscribers.ask('open', { url: wsUrl, connections: warmup.plans });
    await gatewaySettled(gateway.pid);
    await next();
    await waitForCount(deliveries, warmup.listening, 30_000);
    await subscribers.ask('close');
    await gatewaySettled(gateway.pid);
    const before = await gatewayMemory(gateway);

    await subscribers.ask('open', { url: wsUrl, connections: plans });
    await gatewaySettled(gateway.pid);
    // One change every listener must see: all the subscriptions are registered.
    await subscribers.ask('reset');
    await next();
    const synced = await waitForCount(deliveries, listening, 60_000);
    if (synced < listening) process.stdout.write(`  only ${synced} of ${listening} listeners got the first change\n`);
    await gatewaySettled(gateway.pid);
    const after = await gatewayMemory(gateway);

    await subscribers.ask('reset');
    await gateway.ask('loopDelay');
    mutationMs.length = 0;
    const cpuBefore = { gateway: cpuMilliseconds(gateway.pid), subscribers: cpuMilliseconds(subscribers.pid) };
    const count = Math.round(scenario.rate * SECONDS);
    const start = Date.now();
    const made: Promise<void>[] = [];
    // Open loop: each change at its time, whether or not the one before has answered.
    for (let i = 0; i < count; i += 1) {
      await sleep(start + (i * 1000) / scenario.rate - Date.now());
      made.push(next());
    }
    await Promise.all(made);
    await waitForCount(deliveries, listening * count, DRAIN_SECONDS * 1000);
    const end = Date.now();
    const cpu = { gateway: cpuMilliseconds(gateway.pid) - cpuBefore.gateway, subscribers: cpuMilliseconds(subscribers.pid) - cpuBefore.subscribers };
    const summary = await subscribers.ask<DeliverySummary>('summary');
    const loopDelay = await gateway.ask<{ p99Ms: number; maxMs: number }>('loopDelay');
    const window = Math.max(1, (summary.lastAt ?? end) - start);
    return {
      subscribers: scenario.subscribers,
      listening,
      connections: plans.length,
      selection: scenario.selection,
      ratePerSecond: scenario.rate,
      changes: count,
      deliveries: summary.deliveries,
      expectedDeliveries: listening * count,
      eventsPerSecond: (summary.deliveries * 1000) / window,
      latencyMs: summary.latencyMs,
      firstDeliveryMs: summary.firstDeliveryMs,
      toBusMs: summary.toBusMs,
      mutationMs: { p50: percentile(mutationMs, 50), p99: percentile(mutationMs, 99) },
      gatewayCpuPercent: (cpu.gateway * 100) / (end - start),
      subscribersCpuPercent: (cpu.subscribers * 100) / (end - start),
      gatewayLoopDelayMs: { p99: loopDelay.p99Ms, max: loopDelay.maxMs },
      rssBeforeMb: before.rssMb,
      rssAfterMb: after.rssMb,
      rssKbPerSubscription: ((after.rssMb - before.rssMb) * 1024) / scenario.subscribers,
      heapKbPerSubscription: (after.heapUsedBytes - before.heapUsedBytes) / 1024 / scenario.subscribers,
      errors: summary.errors,
      closes: summary.closes,
    };
  } finally {
    await subscribers.ask('close').catch(() => undefined);
    await subscribers.stop();
    await gateway.stop();
  }
}

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL)
    throw new Error('Set DATABASE_URL and REDIS_URL (the benchmark runs the real subgraphs on Postgres and the event bus on Redis)');
  const loadAverageAtStart = loadavg();
  const first = SUBSCRIBERS[0] ?? 1;
  const scenarios: Scenario[] = [...(FLOOR > 0 ? [{ subscribers: FLOOR, selection: 'event' as const, rate: RATE }] : [])];
  scenarios.push(
    ...SUBSCRIBERS.flatMap((subscribers) => [
      { subscribers, selection: 'event' as const, rate: RATE },
      ...(SAME_THROUGHPUT && subscribers > first ? [{ subscribers, selection: 'event' as const, rate: (RATE * first) / subscribers }] : []),
      ...(WITH_ORDER.includes(subscribers) ? [{ subscribers, selection: 'order' as const, rate: WITH_ORDER_RATE }] : []),
      ...(OTHER_STREAMS.includes(subscribers)
        ? [
            { subscribers, selection: 'stock' as const, rate: RATE },
            { subscribers, selection: 'rating' as const, rate: RATE },
          ]
        : []),
    ]),
  );
  const platform = await startChild<{ gatewayUrl: string; subgraphUrls: Record<string, string> }>(join(__dirname, 'serve-platform.ts'), {
    BENCH_REDIS_NAMESPACE: REDIS_NAMESPACE,
  });
  const results: ScenarioResult[] = [];
  try {
    const platformUrl = platform.ready.gatewayUrl;
    const admin = await signInAdmin(platformUrl);
    const buyers = await Promise.all(customerEmails.slice(0, BUYERS).map((email) => signIn(platformUrl, email)));
    const idle = await Promise.all(customerEmails.slice(BUYERS, BUYERS + IDLE_CUSTOMERS).map((email) => signIn(platformUrl, email)));
    // Two changes per order; each scenario needs its timed changes plus a warm-up and a sync change.
    const needed = scenarios.filter((s) => usesOrders(s.selection)).reduce((sum, s) => sum + Math.round(s.rate * SECONDS) + 2, 0);
    const placing = Date.now();
    const orders = await placeOrders(platformUrl, buyers, Math.ceil(needed / 2));
    process.stdout.write(`placed ${orders.length} paid orders in ${((Date.now() - placing) / 1000).toFixed(1)} s\n`);
    const ratedProductId = await createProduct(platformUrl, admin, RATED_PRODUCT_CATEGORY, `Bench Lamp ${new Date().toISOString()}`);
    const reviewId = await createReview(platformUrl, await signIn(platformUrl, REVIEWER_EMAIL), ratedProductId);
    const users: Users = { platformUrl, admin, idle, statusChanges: statusChanges(orders), ratedProductId, reviewId };
    for (const scenario of scenarios) {
      const result = await runScenario(scenario, users, platform.ready.subgraphUrls);
      results.push(result);
      process.stdout.write(
        `${result.subscribers} subscribers (${result.selection}): ${result.deliveries}/${result.expectedDeliveries} delivered, ${result.eventsPerSecond.toFixed(0)} events/s, ` +
          `p50 ${result.latencyMs.p50} ms (first delivery ${result.firstDeliveryMs.p50} ms, p99 ${result.firstDeliveryMs.p99} ms; to the bus ${result.toBusMs?.p50} ms, max ${result.toBusMs?.max} ms; mutation ${result.mutationMs.p50} ms), p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms, gateway CPU ${result.gatewayCpuPercent.toFixed(0)}%, loop delay max ${result.gatewayLoopDelayMs.max.toFixed(0)} ms, ` +
          `RSS ${result.rssBeforeMb.toFixed(0)} → ${result.rssAfterMb.toFixed(0)} MB (${result.rssKbPerSubscription.toFixed(1)} KB/subscription, heap ${result.heapKbPerSubscription.toFixed(1)} KB), ` +
          `${result.errors} errors, closes ${JSON.stringify(result.closes)}\n`,
      );
    }
  } finally {
    await platform.stop();
  }
  const run: SubscriptionsRun = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
    seconds: SECONDS,
    perConnection: PER_CONNECTION,
    scenarios: results,
  };
  publishRun(SUBSCRIPTIONS_REPORT, run);
}

runBenchmark(main);
