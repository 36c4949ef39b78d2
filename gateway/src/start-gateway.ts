import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { serveGraphQL, type RunningService } from '@shopgraph/server';
import type { SignInLimits } from './auth/sign-in-rate-limit';
import { buildGateway, type GatewayDeps } from './server';

export interface GatewayRuntimeOptions extends GatewayDeps {
  port: number;
  supergraphPath: string;
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  production: boolean;
  gatewaySecret: string;
  shared: SharedState;
  signInLimits?: SignInLimits;
  /** Larger request bodies get 413 (default 256 KiB). */
  maxBodyBytes?: number;
  /** Operations in one batched request (default 10). */
  maxBatchSize?: number;
}

/** Loads the supergraph, then listens: /graphql (Sandbox in development), /health, /ready, /metrics. */
export async function startGateway(options: GatewayRuntimeOptions): Promise<RunningService> {
  const built = buildGateway(options);
  await built.apollo.start();
  const listening = await serveGraphQL(built, {
    port: options.port,
    logger: options.logger,
    isHealthy: built.isReady,
    readiness: built.readiness,
    metrics: built.metrics,
    maxBodyBytes: options.maxBodyBytes ?? 262_144,
    maxBatchSize: options.maxBatchSize ?? 10,
  });
  options.logger.info({ url: listening.url, limits: built.limits, trustedDocuments: Boolean(options.trustedDocumentsManifest) }, 'gateway ready');
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
