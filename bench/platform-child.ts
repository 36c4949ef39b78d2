// The child-process side of every benchmark that needs the real platform: the five subgraphs on
// Postgres (and Redis when REDIS_URL is set), seeded, each on a free port, with the platform's own
// gateway, in production mode.
import { DEVELOPMENT_GATEWAY_SECRET } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { startPlatform, type PlatformOptions, type RunningPlatform } from '@shopgraph/platform';
import { serveParent } from './child-process';

export interface BenchPlatformOptions {
  /** Redis key prefix, so benchmarks never read each other's (or the tests') state. */
  namespace: string;
  databasePrefix: string;
  /** What the benchmark changes from the defaults (pool size, cost budgets...). */
  overrides?: Partial<PlatformOptions>;
  /** Questions the parent may ask of this platform (statistics...). */
  handlers?: (platform: RunningPlatform) => Record<string, (payload: Record<string, unknown>) => unknown>;
}

/** Starts the platform and serves the parent: ready with `{ gatewayUrl, subgraphUrls }`. */
export async function servePlatform(options: BenchPlatformOptions): Promise<void> {
  const shared = createSharedState(process.env.REDIS_URL, options.namespace);
  const platform = await startPlatform({
    databaseServerUrl: process.env.DATABASE_URL!,
    databasePrefix: options.databasePrefix,
    shared,
    logger: createLogger('bench', 'error'),
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    ports: {},
    seed: true,
    production: true,
    gatewaySecret: process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET,
    // Benchmarks sign the same demo customers in on every run, through this gateway only (it is
    // never the one measured): the production limit (10 per account per 15 minutes) would refuse
    // a second run within the quarter hour.
    signInLimits: { perIp: { limit: 1_000_000, windowSeconds: 60 }, perAccount: { limit: 1_000_000, windowSeconds: 60 } },
    ...options.overrides,
  });
  const subgraphUrls = Object.fromEntries(Object.entries(platform.subgraphs).map(([name, service]) => [name, service.url]));
  serveParent({ gatewayUrl: platform.gateway.url, subgraphUrls }, options.handlers?.(platform) ?? {}, async () => {
    await platform.stop();
    await shared.close();
  });
}
