import { join } from 'node:path';
import { createSharedState } from '@shopgraph/cache';
import { commonEnv, databaseEnv, GATEWAY_PORT, parseEnvOrExit, SERVICE_PORTS, writeConfigError, z } from '@shopgraph/config';
import { DEFAULT_SUPERGRAPH_PATH, gatewayEngineEnv } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { gatewaySecretEnv } from '@shopgraph/auth';
import { secretOrExit, stopOnSignals } from '@shopgraph/server';
import { startTracing } from '@shopgraph/tracing';
import { startEmbeddedPostgres } from '@shopgraph/embedded-postgres';
import { spawnServices } from './spawn-services';
import { startPlatform } from './start-platform';
import { STOREFRONT_DIST, STOREFRONT_PORT, startStorefront } from './storefront-server';

const envSchema = z.object({
  ...commonEnv,
  ...databaseEnv,
  ...gatewaySecretEnv,
  DATABASE_URL: databaseEnv.DATABASE_URL.optional(),
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH_PATH),
  ...gatewayEngineEnv,
  STOREFRONT_PORT: z.coerce.number().int().min(0).max(65535).default(STOREFRONT_PORT),
  /** The storefront's Vite build to serve (examples/storefront/dist by default). */
  STOREFRONT_DIST: z.string().min(1).default(STOREFRONT_DIST),
  /** Where the embedded PostgreSQL keeps its data (under postgres/); tests give a temporary folder. */
  SHOPGRAPH_DATA_DIR: z
    .string()
    .min(1)
    .default(join(__dirname, '..', '..', '..', '.data')),
});

/**
 * `npm start`: the whole platform. Without DATABASE_URL it runs embedded PostgreSQL under .data/
 * (or SHOPGRAPH_DATA_DIR); without REDIS_URL everything runs in this one process with in-process
 * cache and pub/sub; with REDIS_URL (or --processes) each service is its own process, started again
 * when it dies. Ctrl-C stops the storefront, the services, then PostgreSQL, and exits 0.
 */
async function main(): Promise<void> {
  // One process, one resource: spans of the gateway and the subgraphs tell apart by server.port
  // and span name. With --processes each service traces under its own name (its own main).
  startTracing('shopgraph');
  const env = parseEnvOrExit(envSchema);
  const gatewaySecret = secretOrExit(env);
  const logger = createLogger('shopgraph', env.LOG_LEVEL);
  const multiProcess = process.argv.includes('--processes') || env.REDIS_URL !== undefined;
  const postgresDir = join(env.SHOPGRAPH_DATA_DIR, 'postgres');
  // Detached: a terminal's Ctrl-C reaches this process only, which stops PostgreSQL after the services.
  const embedded = env.DATABASE_URL ? undefined : await startEmbeddedPostgres(postgresDir, { detached: true });
  if (embedded) logger.info({ dataDir: embedded.dataDir }, 'embedded PostgreSQL started');
  const databaseUrl = env.DATABASE_URL ?? embedded!.url;

  let stopServices: () => Promise<void>;
  try {
    if (multiProcess) {
      ({ stop: stopServices } = await spawnServices({ env: { ...process.env, DATABASE_URL: databaseUrl }, logger }));
    } else {
      const shared = createSharedState(undefined);
      const platform = await startPlatform({
        databaseServerUrl: databaseUrl,
        databasePrefix: env.DATABASE_PREFIX,
        shared,
        logger,
        supergraphPath: env.SUPERGRAPH_PATH,
        ports: { ...SERVICE_PORTS, gateway: GATEWAY_PORT },
        seed: env.SEED_DEMO_DATA,
        production: env.NODE_ENV === 'production',
        gatewaySecret,
        databasePoolMax: env.DATABASE_POOL_MAX,
        engine: env.GATEWAY_ENGINE,
        queryPlanner: env.GATEWAY_QUERY_PLANNER,
      });
      stopServices = async () => {
        await platform.stop();
        await shared.close();
      };
    }
  } catch (error) {
    if (!writeConfigError(error)) logger.fatal({ err: error }, 'Shopgraph failed to start');
    await embedded?.stop();
    process.exit(1);
  }
  // The storefront is a demo beside the platform: without a build it is left out, not fatal.
  const storefront = await startStorefront({
    gatewayUrl: `http://127.0.0.1:${GATEWAY_PORT}`,
    port: env.STOREFRONT_PORT,
    distDir: env.STOREFRONT_DIST,
    logger,
  }).catch((error: Error) => {
    logger.warn({ err: error }, 'storefront not served');
    return undefined;
  });
  process.stdout.write(
    `\n  Shopgraph is up (${multiProcess ? 'one process per service, Redis' : 'single process, in-process cache'}).\n` +
      `  Gateway and Apollo Sandbox: http://localhost:${GATEWAY_PORT}/graphql\n` +
      `  GraphiQL (works offline):   http://localhost:${GATEWAY_PORT}/graphiql/\n` +
      (storefront ? `  Storefront:                 ${storefront.url}/\n\n` : '\n'),
  );
  stopOnSignals(async () => {
    await storefront?.stop();
    await stopServices();
    await embedded?.stop();
  }, logger);
}

void main();
