import cluster from 'node:cluster';
import { createSharedState } from '@shopgraph/cache';
import { parseEnvOrExit } from '@shopgraph/config';
import { createLogger } from '@shopgraph/logging';
import { secretOrExit, stopOnSignals } from '@shopgraph/server';
import { startTracing } from '@shopgraph/tracing';
import { runPrimary, workerCount } from './cluster';
import { gatewayEnvSchema, subgraphUrlOverrides } from './env';
import { startGateway } from './start-gateway';

async function main(): Promise<void> {
  // Before any server or fetch exists, so every request is traced (docs/operations.md, Tracing).
  startTracing('gateway');
  const env = parseEnvOrExit(gatewayEnvSchema);
  const gatewaySecret = secretOrExit(env);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const production = env.NODE_ENV === 'production';
  const workers = workerCount(env.GATEWAY_WORKERS);
  if (workers > 1 && cluster.isPrimary) {
    // Rate-limit counters and persisted queries are per process without Redis.
    if (!env.REDIS_URL) logger.warn('GATEWAY_WORKERS > 1 without REDIS_URL: each worker keeps its own rate limits and persisted queries');
    runPrimary(workers, logger);
    return;
  }
  if (production && !env.TRUSTED_DOCUMENTS) logger.warn('TRUSTED_DOCUMENTS is off: any operation within the limits may run (docs/security.md)');
  const shared = createSharedState(env.REDIS_URL);
  try {
    const gateway = await startGateway({
      port: env.PORT,
      supergraphPath: env.SUPERGRAPH_PATH,
      subgraphUrls: subgraphUrlOverrides(process.env),
      logger,
      production,
      gatewaySecret,
      shared,
      limits: { maxDepth: env.MAX_DEPTH, maxAliases: env.MAX_ALIASES, maxRootFields: env.MAX_ROOT_FIELDS, maxTokens: env.MAX_TOKENS, maxCost: env.MAX_COST },
      costBudgets: {
        perIp: { points: env.COST_BUDGET_PER_IP, windowSeconds: env.COST_BUDGET_WINDOW_SECONDS },
        perViewer: { points: env.COST_BUDGET_PER_VIEWER, windowSeconds: env.COST_BUDGET_WINDOW_SECONDS },
      },
      ...(env.TRUSTED_DOCUMENTS ? { trustedDocumentsManifest: env.TRUSTED_DOCUMENTS_MANIFEST } : {}),
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      maxBodyBytes: env.MAX_BODY_BYTES,
      maxBatchSize: env.MAX_BATCH_SIZE,
      engine: env.GATEWAY_ENGINE,
      queryPlanner: env.GATEWAY_QUERY_PLANNER,
      trustedProxies: env.TRUSTED_PROXIES,
      explorerDist: env.GATEWAY_EXPLORER_DIST,
      // In production only listed browser origins may open the subscription socket (none by default).
      subscriptionLimits: {
        allowedOrigins: production || env.WS_ALLOWED_ORIGINS.length > 0 ? env.WS_ALLOWED_ORIGINS : 'any',
        maxPayloadBytes: env.WS_MAX_PAYLOAD_BYTES,
      },
    });
    // Drains HTTP (in-flight requests finish, /ready turns 503), then closes Redis connections.
    stopOnSignals(async () => {
      await gateway.stop();
      await shared.close();
    }, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'gateway failed to start');
    process.exit(1);
  }
}

void main();
