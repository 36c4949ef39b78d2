import { resolveGatewaySecret } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { parseEnvOrExit, writeConfigError, type ServiceName } from '@shopgraph/config';
import { migrateServiceDatabase } from '@shopgraph/db';
import { createLogger } from '@shopgraph/logging';
import { startTracing, stopTracing } from '@shopgraph/tracing';
import type { RunningService, SubgraphRuntimeOptions } from './service';
import { databaseUrlFor, peerUrlsFrom, serviceEnvSchema } from './service-env';

type MainLogger = { info(msg: string): void; error(obj: object, msg: string): void; fatal(obj: object, msg: string): void };

/**
 * Stops the service on SIGINT/SIGTERM (stop taking requests, finish, close pools, exit), and
 * when the supervisor that spawned it goes away. An uncaught exception ends the process at once.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: MainLogger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals | 'supervisor gone') => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    // The last spans (this shutdown's included) are sent before the process exits.
    stop().then(stopTracing).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
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

/** A subgraph's main: env, then Redis or in-process state, then the service, then wait for a signal. */
export async function runSubgraphMain(name: ServiceName, start: (options: SubgraphRuntimeOptions) => Promise<RunningService>): Promise<void> {
  startTracing(name);
  const env = parseEnvOrExit(serviceEnvSchema(name));
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
      databasePoolMax: env.DATABASE_POOL_MAX,
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
