import type { IncomingMessage } from 'node:http';
import type { Viewer } from '@shopgraph/auth';
import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { clientAddressOf, serveGraphQL, trustedProxies, type RunningService } from '@shopgraph/server';
import type { SignInLimits } from './plugins/sign-in-rate-limit';
import { buildGateway, type GatewayDeps } from './server';
import { EventHub } from './subscriptions/event-hub';
import { runGatewayQuery } from './subscriptions/run-gateway-query';
import { createSharedSubscribe } from './subscriptions/shared-execution';
import { createSseHandler, wantsEventStream } from './subscriptions/sse-handler';
import { SubscriptionQuota } from './subscriptions/subscription-quota';
import { attachSubscriptionServer, DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscriptions/websocket-server';
import { GATEWAY_DEFAULTS } from './env';
import { explorerPages } from './explorer/explorer-pages';

export interface GatewayRuntimeOptions extends GatewayDeps {
  port: number;
  supergraphPath: string;
  subgraphUrls: Partial<Record<ServiceName, string>>;
  logger: Logger;
  production: boolean;
  gatewaySecret: string;
  shared: SharedState;
  signInLimits?: SignInLimits;
  subscriptionLimits?: Partial<SubscriptionLimits>;
  /** Larger request bodies get 413 (default 256 KiB). */
  maxBodyBytes?: number;
  /** Operations in one batched request (default GATEWAY_DEFAULTS.maxBatchSize). */
  maxBatchSize?: number;
  /**
   * IP addresses and CIDR blocks of the proxies in front of the gateway: only a request from one of
   * them has its client taken from X-Forwarded-For (rate limits and cost budgets key on it). None by default.
   */
  trustedProxies?: readonly string[];
  /** apps/explorer's build, served at /graphiql/ outside production (default DEFAULT_EXPLORER_DIST). */
  explorerDist?: string;
}

/**
 * Loads the supergraph, then listens: /graphql for HTTP (Sandbox in development) and, on the same
 * path, subscriptions over WebSocket and Server-Sent Events; /health, /ready, /metrics; and in
 * development GraphiQL at /graphiql/.
 */
export async function startGateway(options: GatewayRuntimeOptions): Promise<RunningService> {
  const built = buildGateway(options);
  await built.apollo.start();
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...options.subscriptionLimits };
  const proxies = options.trustedProxies?.length ? trustedProxies(options.trustedProxies) : undefined;
  const hub = new EventHub(options.shared.events, { maxQueuedEvents: limits.maxQueuedEvents });
  const quota = new SubscriptionQuota(limits.maxSubscriptionsPerUser);
  built.metrics.countOpenSubscriptionsWith(() => quota.total());
  const subscriptionDeps = {
    schema: built.apiSchema,
    verifyAccessToken: built.verifyAccessToken,
    runQuery: (
      viewer: Viewer,
      request: { requestId: string; clientIp: string; subscriptionEvent?: boolean },
      query: string,
      variables: Record<string, unknown>,
    ) => runGatewayQuery(built, viewer, request, query, variables, options.logger),
    hub,
    quota,
    subscribe: createSharedSubscribe(),
    clientAddress: (request: IncomingMessage) => clientAddressOf(request, proxies),
  };
  const sse = createSseHandler({ ...subscriptionDeps, maxSubscriptionsPerUser: limits.maxSubscriptionsPerUser });
  const listening = await serveGraphQL(
    {
      ...built,
      eventStream: { accepts: wantsEventStream, handle: sse },
      ...(options.production ? {} : { pages: explorerPages({ distDir: options.explorerDist, logger: options.logger }) }),
    },
    {
      port: options.port,
      logger: options.logger,
      isHealthy: built.isReady,
      readiness: built.readiness,
      metrics: built.metrics,
      maxBodyBytes: options.maxBodyBytes ?? GATEWAY_DEFAULTS.maxBodyBytes,
      maxBatchSize: options.maxBatchSize ?? GATEWAY_DEFAULTS.maxBatchSize,
      trustedProxies: proxies,
      countsDatabaseWork: false,
    },
  );
  const subscriptions = attachSubscriptionServer({ ...subscriptionDeps, server: listening.server, path: '/graphql', logger: options.logger, limits });
  options.logger.info({ url: listening.url, limits: built.limits, trustedDocuments: Boolean(options.trustedDocumentsManifest) }, 'gateway ready');
  return {
    name: 'gateway',
    port: listening.port,
    url: listening.url,
    stop: async () => {
      await subscriptions.close();
      await hub.close();
      await listening.close();
      await built.apollo.stop();
      built.closeSubgraphConnections();
    },
  };
}
