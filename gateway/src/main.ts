import { createSharedState } from '@shopgraph/cache';
import { parseEnvOrExit } from '@shopgraph/config';
import { createLogger } from '@shopgraph/logging';
import { secretOrExit, stopOnSignals } from '@shopgraph/server';
import { gatewayEnvSchema, subgraphUrlOverrides } from './env';
import { startGateway } from './start-gateway';

async function main(): Promise<void> {
  const env = parseEnvOrExit(gatewayEnvSchema);
  const gatewaySecret = secretOrExit(env);
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const shared = createSharedState(env.REDIS_URL);
  try {
    const gateway = await startGateway({
      port: env.PORT,
      supergraphPath: env.SUPERGRAPH_PATH,
      subgraphUrls: subgraphUrlOverrides(process.env),
      logger,
      production: env.NODE_ENV === 'production',
      gatewaySecret,
      shared,
    });
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
