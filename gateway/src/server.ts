import { ApolloGateway } from '@apollo/gateway';
import { buildSchema, printSchema, type GraphQLSchema } from 'graphql';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { JWKS_PATH, type Viewer } from '@shopgraph/auth';
import type { SharedState } from '@shopgraph/cache';
import { isServiceName, type ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { errorLoggingPlugin, inputGuardPlugin, maskUnexpectedErrors, requestOutcomePlugin, type GraphQLService, type Readiness } from '@shopgraph/server';
import { createAccessTokenVerifier } from './auth/access-token-verifier';
import { authorizationPlugin, refusalError } from './plugins/authorization';
import { findRefusals } from './auth/refusals';
import { DEFAULT_SIGN_IN_LIMITS, signInRateLimitPlugin, type SignInLimits } from './plugins/sign-in-rate-limit';
import { readAccessRequirements, supergraphForPlanner, type AccessRequirements } from './auth/security-features';
import type { GatewayContext } from './context';
import { readCostModel, type CostModel, type CostOverrides } from './limits/cost-model';
import { operationGuardPlugin } from './plugins/operation-guard';
import { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits';
import { GatewayMetrics } from './observability/metrics';
import { serviceUnavailableStatusPlugin } from './plugins/service-unavailable-status';
import { persistedQueriesPlugin } from './plugins/persisted-query-metrics';
import { operationDocuments } from './persisted/operation-documents';
import { stringifyResult } from './engine/shared-response-text';
import { gatewayReadiness } from './observability/readiness';
import { traceHeadersOf } from './observability/trace-context';
import { sharedApqStore } from './persisted/shared-apq-store';
import { manifestStore, readManifest } from './persisted/trusted-documents-manifest';
import { trustedDocumentsPlugin } from './plugins/trusted-documents';
import { landingPagePlugin } from './plugins/landing-page';
import { DEFAULT_COST_BUDGETS, type CostBudgets } from './rate-limit/cost-budget';
import { createKeepAliveFetcher, DEFAULT_KEEP_ALIVE } from './fetch/keep-alive-fetcher';
import { PlanSiblings } from './fetch/merge/entity-fetch-merger';
import { planCacheKeyPlugin } from './plugins/plan-cache-key';
import { SubgraphDataSource } from './fetch/subgraph-data-source';
import { supergraphFromFile } from './supergraph-file';
import { GATEWAY_DEFAULTS } from './env';
import { withEngine, type GatewayEngine } from './engine/engine-gateway';
import { PlanExecutor } from './engine/plan-executor';
import { SubscriptionExecutor } from './engine/execute-subscription';
import { UpstreamSubscriptions } from './subscriptions/upstream-subscriptions';
import type { QueryPlannerKind } from './planner/query-planner';

export interface GatewayDeps {
  supergraphPath: string;
  /** Routing URLs that win over the supergraph file's, by subgraph name. */
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  /** Introspection, Sandbox and field suggestions off; see docs/security.md for the whole posture. */
  production: boolean;
  /** Signs every subgraph request; subgraphs refuse unsigned ones. */
  gatewaySecret: string;
  /** Redis (or in-process) state every gateway shares: rate-limit counters, persisted queries. */
  shared: SharedState;
  signInLimits?: SignInLimits;
  limits?: Partial<OperationLimits>;
  /** `@cost`/`@listSize` for coordinates the supergraph does not annotate. */
  costOverrides?: CostOverrides;
  costBudgets?: CostBudgets;
  /** Trusted-documents mode: only the manifest's operations run, and APQ registration is off. */
  trustedDocumentsManifest?: string;
  /** Each subgraph call is aborted after this long (default 10 s). */
  subgraphTimeoutMs?: number;
  /** Open sockets per subgraph (default 128); calls beyond it wait for a free one. */
  subgraphMaxSockets?: number;
  /** False sends each of a plan's sibling entity fetches on its own, as stock @apollo/gateway does (default true). */
  mergeSiblingFetches?: boolean;
  /** Which engine runs query plans: ours (default) or @apollo/gateway's executor (docs/gateway.md). */
  engine?: GatewayEngine;
  /** Which planner our engine plans with (the apollo engine always uses @apollo/query-planner). */
  queryPlanner?: QueryPlannerKind;
}

export interface BuiltGateway extends GraphQLService<GatewayContext> {
  gateway: ApolloGateway;
  metrics: GatewayMetrics;
  limits: OperationLimits;
  /** True once a supergraph is loaded. */
  isReady(): boolean;
  /** The schema clients see (subscriptions are validated and executed against it). */
  apiSchema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
  readiness(): Promise<Readiness>;
  /** Runs subscription operations: the primary fetch over graphql-ws at the owning subgraph, the rest as for queries. */
  subscriptionExecutor: SubscriptionExecutor;
  /** Our engine, when it runs queries (engine `shopgraph`); bench/gateway/engine-alone.ts measures it without Apollo Server. */
  planExecutor: PlanExecutor | undefined;
  /** Closes the keep-alive sockets and subscription connections to the subgraphs; after apollo.stop(). */
  closeSubgraphConnections(): void;
}

/** The federated gateway over the supergraph file; it never listens. */
export function buildGateway(deps: GatewayDeps): BuiltGateway {
  let ready = false;
  let apiSchema: GraphQLSchema | undefined;
  let requirements: AccessRequirements = new Map();
  let costModel: CostModel = readCostModel('type Query { _: Int }', deps.costOverrides);
  let urlsInFile: Record<string, string> = {};
  // Runs on every (re)load of the supergraph file: what to enforce, what things cost, where subgraphs live.
  const prepare = (sdl: string) => {
    requirements = readAccessRequirements(sdl);
    costModel = readCostModel(sdl, deps.costOverrides);
    urlsInFile = Object.fromEntries([...sdl.matchAll(/join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)].map((match) => [match[1]!, match[2]!]));
    return supergraphForPlanner(sdl);
  };
  const routingUrl = (name: string) => (isServiceName(name) && deps.subgraphUrls[name]) || urlsInFile[name];
  // The verifier asks for the JWKS URL on every request that carries a token: it is parsed again
  // only when the users subgraph's routing URL changes (a reload), not per request (0.7% of the CPU).
  let jwks: { base: string | undefined; url: URL } | undefined;
  const jwksUrl = () => {
    const base = routingUrl('users');
    if (!jwks || jwks.base !== base) jwks = { base, url: new URL(JWKS_PATH, base) };
    return jwks.url;
  };
  const verifyAccessToken = createAccessTokenVerifier(jwksUrl);
  const metrics = new GatewayMetrics();
  if (deps.shared.circuit) metrics.watchRedisCircuit(deps.shared.circuit);
  const subgraphFetcher = createKeepAliveFetcher({ ...DEFAULT_KEEP_ALIVE, maxSockets: deps.subgraphMaxSockets ?? DEFAULT_KEEP_ALIVE.maxSockets });
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...deps.limits };
  // Unless this is set, @apollo/gateway sends usage metrics to Apollo and first probes the cloud
  // metadata endpoints (169.254.169.254 and the like) to label them; an env variable read in its
  // constructor is the only switch. APOLLO_TELEMETRY_DISABLED=false turns it back on.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  // Sibling entity fetches to one subgraph (a plan's fetches per response path) go as one call.
  const siblings = deps.mergeSiblingFetches === false ? undefined : new PlanSiblings();
  const engine = deps.engine ?? GATEWAY_DEFAULTS.engine;
  // The data source @apollo/gateway last built per subgraph (it builds new ones on a reload): our engine sends through them too.
  const dataSources = new Map<string, SubgraphDataSource>();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFromFile(deps.supergraphPath, deps.logger, prepare),
    buildService: ({ name, url }) => {
      const dataSource = new SubgraphDataSource({
        name,
        url: routingUrl(name) || String(url),
        gatewaySecret: deps.gatewaySecret,
        timeoutMs: deps.subgraphTimeoutMs ?? GATEWAY_DEFAULTS.subgraphTimeoutMs,
        metrics,
        fetcher: subgraphFetcher,
        siblings,
      });
      dataSources.set(name, dataSource);
      return dataSource;
    },
    experimental_didResolveQueryPlan:
      engine === 'apollo' && siblings ? ({ queryPlan, requestContext }) => siblings.remember(requestContext.context, queryPlan) : undefined,
    logger: deps.logger,
  });
  const executor =
    engine === 'shopgraph'
      ? new PlanExecutor({
          planner: deps.queryPlanner ?? GATEWAY_DEFAULTS.queryPlanner,
          dataSource: (name) => dataSources.get(name),
          onPlan: siblings && ((plan, requestContext) => siblings.remember(requestContext.context, plan)),
        })
      : undefined;
  // Whichever engine runs queries, ours runs subscriptions (stock @apollo/gateway runs none).
  const upstream = new UpstreamSubscriptions({ gatewaySecret: deps.gatewaySecret, subgraphUrl: routingUrl, logger: deps.logger });
  const subscriptions = new SubscriptionExecutor({
    dataSource: (name) => dataSources.get(name),
    openUpstream: (serviceName, request, context) => upstream.open(serviceName, request, context.viewer),
    // The same @authenticated / @requiresScopes rules as queries (plugins/authorization.ts), refused whole.
    refusals: (schema, operation, fragments, context) =>
      findRefusals(schema, operation, fragments, requirements, context.viewer).map((refusal) => refusalError(refusal)),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => subscriptions.update(apiSchema, coreSupergraphSdl));
  gateway.onSchemaLoadOrUpdate((update) => {
    ready = true;
    // A copy of our own: Apollo Server instruments the schema it executes by wrapping every
    // resolver, and subscriptions need plain fields to run their own resolvers on.
    apiSchema = buildSchema(printSchema(update.apiSchema));
  });
  const trusted = deps.trustedDocumentsManifest ? readManifest(deps.trustedDocumentsManifest) : undefined;
  // Order matters only for readability (inputGuardPlugin aside): each plugin reads what it needs before any await.
  const parseOptions = { maxTokens: limits.maxTokens };
  const documents = operationDocuments(parseOptions, metrics);
  const plugins: ApolloServerPlugin<GatewayContext>[] = [
    // First: it refuses variables the other plugins could not even measure, before they try.
    inputGuardPlugin<GatewayContext>(),
    errorLoggingPlugin<GatewayContext>(),
    requestOutcomePlugin<GatewayContext>(),
    serviceUnavailableStatusPlugin(),
    persistedQueriesPlugin(metrics),
    documents.plugin,
    ...(trusted ? [trustedDocumentsPlugin(trusted)] : []),
    operationGuardPlugin({ limits, costModel: () => costModel, counters: deps.shared.counters, budgets: deps.costBudgets ?? DEFAULT_COST_BUDGETS, metrics }),
    signInRateLimitPlugin(deps.shared.counters, deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS, metrics),
    // Before authorization: it derives the redacted operation's plan key from this one.
    planCacheKeyPlugin(),
    authorizationPlugin(() => requirements),
    landingPagePlugin(deps.production),
  ];
  const apollo = new ApolloServer<GatewayContext>({
    gateway: executor ? withEngine(gateway, executor) : gateway,
    formatError: maskUnexpectedErrors,
    includeStacktraceInErrorResponses: false,
    // Compact JSON: Apollo Server's default indents every response, which costs CPU and bytes for
    // no client's benefit (it showed among the gateway's top self-time functions). A result shared
    // by identical anonymous queries has its data written once.
    stringifyResult: (result) => stringifyResult(result as Record<string, unknown>),
    introspection: !deps.production,
    hideSchemaDetailsFromClientErrors: deps.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: true,
    parseOptions,
    documentStore: documents.store,
    persistedQueries: { cache: trusted ? manifestStore(trusted) : sharedApqStore(deps.shared.cache) },
    plugins,
  });
  return {
    apollo,
    gateway,
    metrics,
    limits,
    isReady: () => ready,
    apiSchema: () => apiSchema,
    verifyAccessToken,
    subscriptionExecutor: subscriptions,
    planExecutor: executor,
    closeSubgraphConnections: () => {
      subgraphFetcher.destroy();
      void upstream.close();
    },
    readiness: gatewayReadiness({
      supergraphLoaded: () => ready,
      shared: deps.shared,
      subgraphUrls: () => Object.fromEntries(Object.keys(urlsInFile).map((name) => [name, routingUrl(name)!])),
    }),
    context: async ({ requestId, logger, headers, clientIp }) => ({
      requestId,
      logger,
      clientIp,
      traceHeaders: traceHeadersOf(headers),
      viewer: await verifyAccessToken(headers.get('authorization')),
    }),
  };
}
