import { createSharedState, type SharedState } from '@shopgraph/cache';
import { DEFAULT_SUPERGRAPH_PATH, engineOptionsOf, type CostBudgets, type SignInLimits } from '@shopgraph/gateway';
import { startPlatform, type RunningPlatform } from '@shopgraph/platform';
import { dropTestDatabases, TEST_GATEWAY_SECRET, testDatabaseServerUrl, testLogger, uniqueDatabasePrefix, type TestOptions } from '@shopgraph/testing';

export interface TestPlatform extends RunningPlatform {
  gatewayUrl: string;
  databasePrefix: string;
  shared: SharedState;
}

// Tests sign in far more often than people; a test of the limits passes its own.
const GENEROUS_SIGN_IN_LIMITS: SignInLimits = { perIp: { limit: 10_000, windowSeconds: 60 }, perAccount: { limit: 10_000, windowSeconds: 60 } };
// Every test client is 127.0.0.1; suites that page through the catalog would spend a real budget.
const GENEROUS_COST_BUDGETS: CostBudgets = { perIp: { points: 10_000_000, windowSeconds: 60 }, perViewer: { points: 10_000_000, windowSeconds: 60 } };

/** The gateway and every subgraph on free ports over fresh, seeded databases. */
export async function startPlatformForTest(
  options: TestOptions & {
    supergraphPath?: string;
    signInLimits?: SignInLimits;
    costBudgets?: CostBudgets;
    alsoAcceptedGatewaySecret?: string;
    explorerDist?: string;
  } = {},
): Promise<TestPlatform> {
  const databasePrefix = options.databasePrefix ?? uniqueDatabasePrefix();
  const shared = createSharedState(options.redisUrl, `${databasePrefix}:`);
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
    alsoAcceptedGatewaySecret: options.alsoAcceptedGatewaySecret,
    signInLimits: options.signInLimits ?? GENEROUS_SIGN_IN_LIMITS,
    costBudgets: options.costBudgets ?? GENEROUS_COST_BUDGETS,
    explorerDist: options.explorerDist,
    // CI runs the end-to-end tests once per engine (GATEWAY_ENGINE).
    ...engineOptionsOf(process.env),
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
