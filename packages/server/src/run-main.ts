import { resolveGatewaySecret } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import { parseEnvOrExit, type ServiceName } from '@shopgraph/config';
import { createLogger } from '@shopgraph/logging';
import { startTracing, stopTracing } from '@shopgraph/tracing';
import type { RunningService, SubgraphRuntimeOptions } from './service';
import { databaseUrlFor, peerUrlsFrom, serviceEnvSchema } from './service-env';

/** Stops the service on SIGINT/SIGTERM: stop taking requests, finish, close pools, exit. */
export function stopOnSignals(stop: () => Promise<void>, logger: { info(msg: string): void; error(obj: object, msg: string): void }): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
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
  // A promise nobody awaited must not take every request of this process down with it.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
}

/** A subgraph's main: env, then Redis or in-process state, then the service, then wait for a signal. */
export async function runSubgraphMain(name: ServiceName, start: (options: SubgraphRuntimeOptions) => Promise<RunningService>): Promise<void> {
  startTracing(name);
  const env = parseEnvOrExit(serviceEnvSchema(name));
  const gatewaySecret = secretOrExit(env);
  const logger = createLogger(name, env.LOG_LEVEL);
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
    logger.fatal({ err: error }, `${name} failed to start`);
    await shared.close();
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
