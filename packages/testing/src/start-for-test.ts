import { ANONYMOUS, type Viewer } from '@shopgraph/auth';
import type { CostBudgets, SignInLimits } from '@shopgraph/gateway';
import { createSharedState, type SharedState } from '@shopgraph/cache';
import { serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { DEFAULT_SUPERGRAPH_PATH } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import type { RunningPlatform } from '@shopgraph/platform';
import type { RunningService, SubgraphRuntimeOptions } from '@shopgraph/server';
import { dropTestDatabases, testDatabaseServerUrl, uniqueDatabasePrefix } from './database-server';
import { signedGraphqlRequest, type GraphQLResponse } from './graphql-request';

/** The secret the test gateway and subgraphs share. */
export const TEST_GATEWAY_SECRET = 'test-gateway-secret-0123456789abcdef0123456789';

export interface TestOptions {
  /** Redis URL for the shared cache and pub/sub; in-process implementations when absent. */
  redisUrl?: string;
  seed?: boolean;
  production?: boolean;
  /** Reuse databases of this prefix (a second process over the same data); not dropped on stop. */
  databasePrefix?: string;
}

export interface TestService extends RunningService {
  databasePrefix: string;
  databaseUrl: string;
  shared: SharedState;
  /** Sends an operation straight to this subgraph, signed as the gateway would for `viewer`. */
  request<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResponse<TData>>;
}

const testLogger = () => createLogger('test', process.env.LOG_LEVEL ?? 'silent');

/** One subgraph on a free port over fresh, seeded databases of its own; stop() drops them. */
export async function startServiceForTest(name: ServiceName, options: TestOptions = {}): Promise<TestService> {
  const databasePrefix = options.databasePrefix ?? uniqueDatabasePrefix();
  const databaseUrl = serviceDatabaseUrl(name, testDatabaseServerUrl(), databasePrefix, {});
  const shared = createSharedState(options.redisUrl, `${databasePrefix}:`);
  // Loaded by name, so one subgraph's tests do not load the other four.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startService } = require(`@shopgraph/${name}`) as { startService(options: SubgraphRuntimeOptions): Promise<RunningService> };
  const service = await startService({
    port: 0,
    databaseUrl,
    shared,
    logger: testLogger(),
    seed: options.seed ?? true,
    production: options.production ?? false,
    gatewaySecret: TEST_GATEWAY_SECRET,
  });
  return {
    ...service,
    databasePrefix,
    databaseUrl,
    shared,
    request: (query, variables, viewer = ANONYMOUS) => signedGraphqlRequest(service.url, TEST_GATEWAY_SECRET, viewer, query, variables),
    stop: async () => {
      await service.stop();
      await shared.close();
      if (!options.databasePrefix) await dropTestDatabases(databasePrefix);
    },
  };
}

export interface TestPlatform extends RunningPlatform {
  gatewayUrl: string;
  databasePrefix: string;
  shared: SharedState;
}

/** The gateway and all five subgraphs on free ports over fresh, seeded databases. */
// Tests sign in far more often than people; a test of the limits passes its own.
const GENEROUS_SIGN_IN_LIMITS: SignInLimits = { perIp: { limit: 10_000, windowSeconds: 60 }, perAccount: { limit: 10_000, windowSeconds: 60 } };
// Every test client is 127.0.0.1; suites that page through the catalog would spend a real budget.
const GENEROUS_COST_BUDGETS: CostBudgets = { perIp: { points: 10_000_000, windowSeconds: 60 }, perViewer: { points: 10_000_000, windowSeconds: 60 } };

export async function startPlatformForTest(
  options: TestOptions & { supergraphPath?: string; signInLimits?: SignInLimits; costBudgets?: CostBudgets } = {},
): Promise<TestPlatform> {
  const databasePrefix = options.databasePrefix ?? uniqueDatabasePrefix();
  const shared = createSharedState(options.redisUrl, `${databasePrefix}:`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startPlatform } = require('@shopgraph/platform') as typeof import('@shopgraph/platform');
  const platform = await startPlatform({
    databaseServerUrl: testDatabaseServerUrl(),
    databasePrefix,
    shared,
    logger: testLogger(),
    supergraphPath: options.supergraphPath ?? DEFAULT_SUPERGRAPH_PATH,
    ports: {},
    seed: options.seed ?? true,
    production: options.production ?? false,
    gatewaySecret: TEST_GATEWAY_SECRET,
    signInLimits: options.signInLimits ?? GENEROUS_SIGN_IN_LIMITS,
    costBudgets: options.costBudgets ?? GENEROUS_COST_BUDGETS,
  });
  return {
    ...platform,
    gatewayUrl: platform.gateway.url,
    databasePrefix,
    shared,
    stop: async () => {
      await platform.stop();
      await shared.close();
      if (!options.databasePrefix) await dropTestDatabases(databasePrefix);
    },
  };
}
