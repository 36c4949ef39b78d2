import { ANONYMOUS, type Viewer } from '@shopgraph/auth';
import { createSharedState, type SharedState } from '@shopgraph/cache';
import { serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import { createLogger } from '@shopgraph/logging';
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read untyped responses field by field; typed callers pass TData or a TypedDocumentNode
  request<TData = Record<string, any>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<GraphQLResponse<TData>>;
}

export const testLogger = () => createLogger('test', process.env.LOG_LEVEL ?? 'silent');

/** One subgraph (its `startService`) on a free port over fresh, seeded databases of its own; stop() drops them. */
export async function startServiceForTest(
  name: ServiceName,
  startService: (options: SubgraphRuntimeOptions) => Promise<RunningService>,
  options: TestOptions = {},
): Promise<TestService> {
  const databasePrefix = options.databasePrefix ?? uniqueDatabasePrefix();
  const databaseUrl = serviceDatabaseUrl(name, testDatabaseServerUrl(), databasePrefix, {});
  const shared = createSharedState(options.redisUrl, `${databasePrefix}:`);
  const service = await startService({
    port: 0,
    databaseUrl,
    shared,
    logger: testLogger(),
    seed: options.seed ?? true,
    production: options.production ?? false,
    gatewaySecret: TEST_GATEWAY_SECRET,
  }).catch(async (error: unknown) => {
    // A test of a start that fails must not leave the shared state's connections open.
    await shared.close();
    if (!options.databasePrefix) await dropTestDatabases(databasePrefix);
    throw error;
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
