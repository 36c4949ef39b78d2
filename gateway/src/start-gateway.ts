import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { SignInLimits } from './auth/sign-in-rate-limit';
import type { Logger } from '@shopgraph/logging';
import { serveGraphQL, type RunningService } from '@shopgraph/server';
import { buildGateway } from './server';

export interface GatewayRuntimeOptions {
  port: number;
  supergraphPath: string;
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  production: boolean;
  gatewaySecret: string;
  shared: SharedState;
  signInLimits?: SignInLimits;
}

/** Loads the supergraph, then listens: /graphql (Sandbox in development) and /health. */
export async function startGateway(options: GatewayRuntimeOptions): Promise<RunningService> {
  const built = buildGateway(options);
  await built.apollo.start();
  const listening = await serveGraphQL(built, { port: options.port, logger: options.logger, isHealthy: built.isReady });
  options.logger.info({ url: listening.url }, 'gateway ready');
  return {
    name: 'gateway',
    port: listening.port,
    url: listening.url,
    stop: async () => {
      await listening.close();
      await built.apollo.stop();
    },
  };
}
