// The platform as `npm run start:services` runs it (one supervised process per service), on free
// ports, over a PostgreSQL cluster and a redis-server of the test's own, so a test may stop,
// kill or restart any of them without touching the shared servers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { SERVICE_NAMES, serviceDatabaseUrl } from '@shopgraph/config';
import { createLogger } from '@shopgraph/logging';
import { spawnServices, type Deployable, type SpawnedServices } from '@shopgraph/platform';
import { firstPaidCheckout, restock, settleCheckouts, signInShoppers, startCheckoutLoad, type CheckoutLoad, type Shopper } from './checkout-load';
import {
  checkShopInvariants,
  eventually,
  freePort,
  startOwnPostgres,
  startOwnRedis,
  TEST_GATEWAY_SECRET,
  uniqueDatabasePrefix,
  type OwnPostgres,
  type OwnRedis,
} from '@shopgraph/testing';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'faults');

export interface FaultPlatform {
  gatewayUrl: string;
  services: SpawnedServices;
  postgres: OwnPostgres;
  redis: OwnRedis;
  databasePrefix: string;
  stop(): Promise<void>;
}

const DEPLOYABLES: Deployable[] = [...SERVICE_NAMES, 'gateway'];

/** `name` names the folder under test-artifacts/faults/ that the services' logs go to. */
export async function startFaultPlatform(name: string, env: NodeJS.ProcessEnv = {}): Promise<FaultPlatform> {
  const [postgres, redis] = await Promise.all([startOwnPostgres(), startOwnRedis()]);
  const ports = Object.fromEntries(await Promise.all(DEPLOYABLES.map(async (deployable) => [deployable, await freePort()] as const)));
  const databasePrefix = uniqueDatabasePrefix();
  // The services append their output: start each run's logs empty.
  rmSync(join(ARTIFACTS, name), { recursive: true, force: true });
  let services: SpawnedServices;
  try {
    services = await spawnServices({
      env: {
        ...process.env,
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        DATABASE_URL: postgres.url,
        DATABASE_PREFIX: databasePrefix,
        DATABASE_POOL_MAX: '5',
        REDIS_URL: redis.url,
        GATEWAY_SHARED_SECRET: TEST_GATEWAY_SECRET,
        // Every shopper is 127.0.0.1: the per-address budget would refuse a load test.
        COST_BUDGET_PER_IP: '100000000',
        COST_BUDGET_PER_VIEWER: '100000000',
        // An order a crash left PENDING is ended by the orders reconciler once its payment lease
        // runs out: seconds here rather than the production 30 s, so each test settles quickly.
        ORDERS_PAYMENT_LEASE_SECONDS: '5',
        ORDERS_RECONCILE_INTERVAL_MS: '1000',
        ...env,
      },
      logger: createLogger('supervisor', 'info'),
      ports,
      logDirectory: join(ARTIFACTS, name),
      restartPolicy: { initialDelayMs: 200, maxDelayMs: 2_000 },
    });
  } catch (error) {
    await Promise.all([postgres.destroy(), redis.destroy()]);
    throw error;
  }
  return {
    gatewayUrl: services.urls.gateway,
    services,
    postgres,
    redis,
    databasePrefix,
    stop: async () => {
      await services.stop();
      await Promise.all([postgres.destroy(), redis.destroy()]);
    },
  };
}

/** Polls until `check` holds (eventually()); returns how long that took, the measured time to recover. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const startedAt = Date.now();
  await eventually(what, async () => ((await check()) ? true : undefined), timeoutMs);
  return Date.now() - startedAt;
}

/** True when every service's /ready answers 200. */
export async function allReady(platform: FaultPlatform): Promise<boolean> {
  const answers = await Promise.all(
    Object.values(platform.services.urls).map((url) =>
      fetch(url.replace(/\/graphql$/, '/ready')).then(
        (response) => response.ok,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}

/** Writes a test's measured recovery times to test-artifacts/faults/<name>.json and prints them. */
export function recordRecovery(name: string, measured: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, `${name}.json`), `${JSON.stringify({ test: name, at: new Date().toISOString(), ...measured }, null, 2)}\n`);
  console.log(`[faults] ${name}: ${JSON.stringify(measured)}`);
}

/** Orders still PENDING in the platform's orders database (read directly: no client can list everyone's). */
async function pendingOrderCount(platform: FaultPlatform): Promise<number> {
  const sql = postgres(serviceDatabaseUrl('orders', platform.postgres.url, platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ count: number }[]>`select count(*)::int as count from orders where status = 'PENDING'`;
    return row!.count;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * After a fault: waits (bounded) until no order is PENDING, then returns every broken shop
 * invariant (checkShopInvariants); empty when all hold.
 */
export async function settledShopViolations(platform: FaultPlatform, timeoutMs = 60_000): Promise<string[]> {
  await waitUntil('no order is left PENDING', async () => (await pendingOrderCount(platform)) === 0, timeoutMs);
  return checkShopInvariants({ databaseServerUrl: platform.postgres.url, databasePrefix: platform.databasePrefix });
}

/** Each service's pid, to tell afterwards which were restarted. */
export function pidsOf(platform: FaultPlatform): Record<string, number | undefined> {
  return Object.fromEntries(Object.entries(platform.services.processes).map(([name, process]) => [name, process.pid]));
}

/** From now until the platform sells again (a fresh checkout PAID) and every service's /ready is 200. */
export async function measureRecovery(
  platform: FaultPlatform,
  probe: Shopper,
): Promise<{ firstPaidCheckoutMs: number; allReadyMs: number; unsettledKeys: string[] }> {
  const [paid, allReadyMs] = await Promise.all([
    firstPaidCheckout(platform.gatewayUrl, probe, 90_000),
    waitUntil('every /ready answers 200', () => allReady(platform), 90_000),
  ]);
  return { firstPaidCheckoutMs: paid.afterMs, allReadyMs, unsettledKeys: paid.unsettledKeys };
}

/**
 * Ends the load: each shopper, and the probe for its keys, retries an unfinished checkout until
 * it settles, as a careful client would (up to the production lease of 30 s and some); then every
 * order must leave PENDING and the shop's invariants must hold. All zero/true/empty when well.
 */
export async function endLoadAndCheckShop(platform: FaultPlatform, load: CheckoutLoad, probe: Shopper, probeKeys: string[]) {
  const [drained, probeSettled] = await Promise.all([load.stop(45_000), settleCheckouts(platform.gatewayUrl, probe, probeKeys, 45_000)]);
  return { unsettledShoppers: drained.unsettled, probeSettled, violations: await settledShopViolations(platform) };
}
export const SHOP_SETTLED = { unsettledShoppers: 0, probeSettled: true, violations: [] };

/** What a fault test file shares between its cases; ready once its beforeAll ran. */
export interface FaultSuite {
  platform: FaultPlatform;
  /** Checks out to tell when the platform sells again (measureRecovery); never part of the load. */
  probe: Shopper;
  /** The load's shoppers. */
  shoppers: Shopper[];
  /** Written to test-artifacts/faults/<name>.json after the last case. */
  measured: Record<string, unknown>;
  /** The shoppers' load; a case that fails before ending it has it stopped after the case. */
  startLoad(): CheckoutLoad;
}

/** Registers the file's beforeAll and afterAll: a restocked platform and `count` signed-in shoppers, the first the probe. */
export function useFaultPlatform(name: string, count: number): FaultSuite {
  const loads: CheckoutLoad[] = [];
  const startLoad = () => {
    const load = startCheckoutLoad(suite.platform.gatewayUrl, suite.shoppers);
    loads.push(load);
    return load;
  };
  const suite = { measured: {}, startLoad } as FaultSuite;
  afterEach(async () => {
    await Promise.all(loads.splice(0).map((load) => load.stop(0)));
  });
  beforeAll(async () => {
    suite.platform = await startFaultPlatform(name);
    await restock(suite.platform.gatewayUrl);
    const signedIn = await signInShoppers(suite.platform.gatewayUrl, count);
    suite.probe = signedIn[0]!;
    suite.shoppers = signedIn.slice(1);
  }, 150_000);
  afterAll(async () => {
    recordRecovery(name, suite.measured);
    await suite.platform?.stop();
  }, 60_000);
  return suite;
}
