import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { SignInLimits } from './auth/sign-in-rate-limit';
import type { Logger } from '@shopgraph/logging';
import { serveGraphQL, type RunningService } from '@shopgraph/server';
import { buildGateway } from './server';
import { EventHub } from './subscriptions/event-hub';
import { runGatewayQuery } from './subscriptions/run-gateway-query';
import { attachSubscriptionServer, type SubscriptionLimits } from './subscriptions/websocket-server';

export interface GatewayRuntimeOptions {
  port: number;
  supergraphPath: string;
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  production: boolean;
  gatewaySecret: string;
  shared: SharedState;
  signInLimits?: SignInLimits;
  subscriptionLimits?: Partial<SubscriptionLimits>;
}

/**
 * Loads the supergraph, then listens: /graphql for HTTP (Sandbox in development) and, on the same
 * path, WebSocket subscriptions; /health.
 */
export async function startGateway(options: GatewayRuntimeOptions): Promise<RunningService> {
  const built = buildGateway(options);
  await built.apollo.start();
  const listening = await serveGraphQL(built, { port: options.port, logger: options.logger, isHealthy: built.isReady });
  const hub = new EventHub(options.shared.events, { maxQueuedEvents: 1_000 });
  const subscriptions = attachSubscriptionServer({
    server: listening.server,
    path: '/graphql',
    schema: built.apiSchema,
    verifyAccessToken: built.verifyAccessToken,
    runQuery: (viewer, request, query, variables) => runGatewayQuery(built, viewer, request, query, variables, options.logger),
    hub,
    logger: options.logger,
    limits: options.subscriptionLimits,
  });
  options.logger.info({ url: listening.url }, 'gateway ready');
  return {
    name: 'gateway',
    port: listening.port,
    url: listening.url,
    stop: async () => {
      await subscriptions.close();
      await hub.close();
      await listening.close();
      await built.apollo.stop();
    },
  };
}
