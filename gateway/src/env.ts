import { gatewaySecretEnv } from '@shopgraph/auth';
import { proxyEntryProblem, runtimeFileDefault } from '@shopgraph/server';
import { booleanText, commonEnv, GATEWAY_PORT, portEnv, routingUrlVariable, SERVICE_NAMES, z, type ServiceName } from '@shopgraph/config';
import { DEFAULT_COST_BUDGETS } from './rate-limit/cost-budget';
import { DEFAULT_OPERATION_LIMITS } from './limits/operation-limits';
import { GATEWAY_ENGINES, type GatewayEngine } from './engine/engine-gateway';
import { QUERY_PLANNER_KINDS, type QueryPlannerKind } from './planner/query-planner';
import { DEFAULT_EXPLORER_DIST } from './explorer/explorer-pages';

// Beside main.js in dist/gateway/ (tools/build copies them there), else the repository's copies.
export const DEFAULT_SUPERGRAPH_PATH = runtimeFileDefault(__dirname, 'supergraph.graphql', '../../schema/supergraph.graphql');
export const DEFAULT_MANIFEST_PATH = runtimeFileDefault(
  __dirname,
  'persisted-query-manifest.json',
  '../../packages/operations/src/__generated__/persisted-query-manifest.json',
);

const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * The gateway's HTTP and subgraph-call defaults, in one place: the env schema's defaults, and
 * startGateway's when a caller (a test, the all-in-one runner) leaves them out. A client's request
 * body is capped well below a subgraph's (packages/server SUBGRAPH_HTTP_DEFAULTS): clients send
 * operations and variables, while the gateway sends subgraphs whole lists of entity representations.
 */
export const GATEWAY_DEFAULTS = {
  /** A subgraph call that has not answered after this long fails with a timeout error. */
  subgraphTimeoutMs: 10_000,
  /** Largest client request body, in bytes (256 KiB); larger ones get 413. */
  maxBodyBytes: 262_144,
  /** Operations in one batched client request. */
  maxBatchSize: 10,
  /** Which engine runs query plans (GATEWAY_ENGINE): ours, or @apollo/gateway's executor. */
  engine: 'shopgraph' as GatewayEngine,
  /** Which planner our engine plans with (GATEWAY_QUERY_PLANNER). */
  queryPlanner: 'hive' as QueryPlannerKind,
} as const;

/** GATEWAY_ENGINE and GATEWAY_QUERY_PLANNER: also read by the all-in-one runner and the tests that start a gateway in-process. */
export const gatewayEngineEnv = {
  GATEWAY_ENGINE: z.enum(GATEWAY_ENGINES).default(GATEWAY_DEFAULTS.engine),
  GATEWAY_QUERY_PLANNER: z.enum(QUERY_PLANNER_KINDS).default(GATEWAY_DEFAULTS.queryPlanner),
};

/** The gateway's engine options as GATEWAY_ENGINE and GATEWAY_QUERY_PLANNER in `env` say. */
export function engineOptionsOf(env: Record<string, string | undefined>): { engine: GatewayEngine; queryPlanner: QueryPlannerKind } {
  const parsed = z.object(gatewayEngineEnv).parse(env);
  return { engine: parsed.GATEWAY_ENGINE, queryPlanner: parsed.GATEWAY_QUERY_PLANNER };
}

export const gatewayEnvSchema = z.object({
  ...commonEnv,
  ...gatewaySecretEnv,
  PORT: portEnv(GATEWAY_PORT),
  SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
  /** apps/explorer's build, served at /graphiql/ outside production. */
  GATEWAY_EXPLORER_DIST: z.string().min(1).default(DEFAULT_EXPLORER_DIST),
  ...Object.fromEntries(SERVICE_NAMES.map((name) => [routingUrlVariable(name), z.url({ protocol: /^https?$/ }).optional()])),
  MAX_DEPTH: positive(DEFAULT_OPERATION_LIMITS.maxDepth),
  MAX_ALIASES: positive(DEFAULT_OPERATION_LIMITS.maxAliases),
  MAX_ROOT_FIELDS: positive(DEFAULT_OPERATION_LIMITS.maxRootFields),
  MAX_TOKENS: positive(DEFAULT_OPERATION_LIMITS.maxTokens),
  MAX_COST: positive(DEFAULT_OPERATION_LIMITS.maxCost),
  COST_BUDGET_PER_IP: positive(DEFAULT_COST_BUDGETS.perIp.points),
  COST_BUDGET_PER_VIEWER: positive(DEFAULT_COST_BUDGETS.perViewer.points),
  COST_BUDGET_WINDOW_SECONDS: positive(DEFAULT_COST_BUDGETS.perIp.windowSeconds),
  TRUSTED_DOCUMENTS: booleanText.default(false),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).default(DEFAULT_MANIFEST_PATH),
  SUBGRAPH_TIMEOUT_MS: positive(GATEWAY_DEFAULTS.subgraphTimeoutMs),
  MAX_BODY_BYTES: positive(GATEWAY_DEFAULTS.maxBodyBytes),
  MAX_BATCH_SIZE: positive(GATEWAY_DEFAULTS.maxBatchSize),
  ...gatewayEngineEnv,
  WS_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  WS_MAX_PAYLOAD_BYTES: positive(65_536),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .superRefine((entries, context) => {
      for (const entry of entries) {
        const problem = proxyEntryProblem(entry);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      }
    }),
  // Gateway processes sharing the port (node:cluster): a number, or `auto` for one per core.
  GATEWAY_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1)]).default(1),
});
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;

/** Routing URLs given in the environment (`USERS_URL`...), which win over the supergraph file's. */
export function subgraphUrlOverrides(env: NodeJS.ProcessEnv): Partial<Record<ServiceName, string>> {
  const overrides: Partial<Record<ServiceName, string>> = {};
  for (const name of SERVICE_NAMES) {
    const url = env[routingUrlVariable(name)];
    if (url) overrides[name] = url;
  }
  return overrides;
}
