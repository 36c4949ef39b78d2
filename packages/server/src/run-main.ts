import { resolveGatewaySecret } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { parseEnvOrExit, writeConfigError, type ServiceName, type z } from '@shopgraph/config';
import { migrateServiceDatabase } from '@shopgraph/db';
import { createLogger } from '@shopgraph/logging';
import { startTracing, stopTracing } from '@shopgraph/tracing';
import type { RunningService, SubgraphRuntimeOptions } from './service';
import { databaseUrlFor, peerUrlsFrom, serviceEnvSchema, type ServiceEnv } from './service-env';

type MainLogger = { info(msg: string): void; error(obj: object, msg: string): void; fatal(obj: object, msg: string): void };

/** How long a shutdown may take before the process exits 1 anyway (the subgraphs drain for up to 10 s). */
export const SHUTDOWN_TIMEOUT_MS = 30_000;

/**
 * Signals this close to the first are the same Ctrl-C: the terminal signals the whole group, npm
 * forwards it to its script, and tsx relays it again when it misses its child's report of it.
 */
const REPEATED_SIGNAL_MS = 1_000;

/**
 * Stops the service on SIGINT, SIGTERM or SIGHUP (stop taking requests, finish, close pools, exit
 * 0), and when the supervisor that spawned it goes away. Another signal later than
 * REPEATED_SIGNAL_MS into the stop (Ctrl-C pressed again), or a stop longer than
 * SHUTDOWN_TIMEOUT_MS, exits 1 at once. An uncaught exception ends the process at once.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: MainLogger): void {
  let stoppingSince: number | undefined;
  const onSignal = (signal: NodeJS.Signals | 'supervisor gone') => {
    if (stoppingSince !== undefined) {
      if (signal === 'supervisor gone' || Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      logger.info(`${signal} again while shutting down: exiting now`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    logger.info(`${signal}: shutting down`);
    setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    // The last spans (this shutdown's included) are sent before the process exits.
    stop()
      .then(stopTracing)
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  // Spawned by `npm run start:services` (with an IPC channel): when it dies, even by SIGKILL, this
  // process must not linger on its port and make the next start fail.
  if (process.connected) process.once('disconnect', () => onSignal('supervisor gone'));
  exitOnUncaughtException(logger);
  // A promise nobody awaited must not take every request of this process down with it: the state
  // is intact (a DB outage makes the entity cache's waiters produce these), so log and go on.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

let exitsOnUncaughtException = false;

/**
 * An exception nobody caught (postgres.js 3.4.9 threw one from a timer when PostgreSQL restarted)
 * leaves a library's state unknown: serving on would be half-living. Log it and exit 1 at once,
 * so the supervisor (start:services, compose, Kubernetes) starts a clean process.
 */
export function exitOnUncaughtException(logger: Pick<MainLogger, 'fatal'>): void {
  if (exitsOnUncaughtException) return;
  exitsOnUncaughtException = true;
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception: exiting so a supervisor restarts the service');
    process.exit(1);
  });
}

/**
 * A subgraph's main: env (its env.ts schema, every subgraph's variables and its own), then Redis or
 * in-process state, then the service, then wait for a signal.
 */
export async function runSubgraphMain(
  name: ServiceName,
  start: (options: SubgraphRuntimeOptions) => Promise<RunningService>,
  envSchema: z.ZodType<ServiceEnv> = serviceEnvSchema(name),
): Promise<void> {
  startTracing(name);
  const env = parseEnvOrExit(envSchema);
  const gatewaySecret = secretOrExit(env);
  const logger = createLogger(name, env.LOG_LEVEL);
  // From the first line on: an exception during start is as fatal, and should be logged as one.
  exitOnUncaughtException(logger);
  const shared = createSharedState(env.REDIS_URL);
  try {
    const service = await start({
      port: env.PORT,
      databaseUrl: databaseUrlFor(name, env),
      shared,
      logger,
      seed: env.SEED_DEMO_DATA,
      production: env.NODE_ENV === 'production',
      gatewaySecret,
      alsoAcceptedGatewaySecret: env.GATEWAY_SHARED_SECRET_ALSO_ACCEPTED,
      databasePoolMax: env.DATABASE_POOL_MAX,
      runMigrations: env.RUN_MIGRATIONS,
      peerUrls: () => peerUrlsFrom(env),
    });
    stopOnSignals(async () => {
      await service.stop();
      await shared.close();
    }, logger);
  } catch (error) {
    // A configuration the data does not fit (the users subgraph's KEKs) is told like a bad variable.
    if (!writeConfigError(error)) logger.fatal({ err: error }, `${name} failed to start`);
    await shared.close();
    process.exit(1);
  }
}

/**
 * A subgraph's migrate entry (`node migrate.js`): creates its database if needed, applies pending
 * migrations under the advisory lock every replica takes, and exits 0, or 1 with the error logged.
 * An init container or a release job runs it; the service itself still migrates at start.
 */
export async function runMigrateMain(name: ServiceName, migrationsDir: string): Promise<void> {
  const env = parseEnvOrExit(serviceEnvSchema(name));
  const logger = createLogger(name, env.LOG_LEVEL);
  try {
    await migrateServiceDatabase(databaseUrlFor(name, env), migrationsDir);
    logger.info(`${name} migrations applied from ${migrationsDir}`);
    process.exit(0);
  } catch (error) {
    logger.fatal({ err: error }, `${name} migrations failed`);
    process.exit(1);
  }
}

/** The gateway secret, or the process stops naming GATEWAY_SHARED_SECRET (production without one). */
export function secretOrExit(env: { NODE_ENV: string; GATEWAY_SHARED_SECRET?: string | undefined }): string {
  try {
    return resolveGatewaySecret(env);
  } catch (error) {
    process.stderr.write(`Invalid configuration:\n  - ${(error as Error).message}\n`);
    process.exit(1);
  }
}
