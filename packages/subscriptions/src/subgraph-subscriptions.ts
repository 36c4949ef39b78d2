import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { EventBus } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import type { GraphQLService } from '@shopgraph/server';
import { EventHub } from './event-hub';
import { serveSubgraphSubscriptions, type SubscriptionRequestInfo } from './subgraph-subscription-server';

/** Events waiting for the gateway on one subscription before its connection is dropped (it resumes). */
export const DEFAULT_SUBGRAPH_MAX_QUEUED_EVENTS = 10_000;

export interface SubgraphSubscriptionsOptions<TContext> {
  /** The subgraph's SDL and resolvers, the same the HTTP server is built from (Subscription fields with `subscribe`). */
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  bus: EventBus;
  logger: Logger;
  context(request: SubscriptionRequestInfo): Promise<TContext> | TContext;
  maxQueuedEvents?: number;
}

/**
 * A subgraph's `GraphQLService.subscriptions`: its Subscription fields served over graphql-ws to
 * the gateway, from one event hub (one Redis follower per topic) for the whole process.
 */
export function subgraphSubscriptions<TContext>(options: SubgraphSubscriptionsOptions<TContext>): NonNullable<GraphQLService<never>['subscriptions']> {
  return ({ server, gatewaySecrets, metrics }) => {
    const schema = buildSubgraphSchema({ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> });
    const hub = new EventHub(options.bus, { maxQueuedEvents: options.maxQueuedEvents ?? DEFAULT_SUBGRAPH_MAX_QUEUED_EVENTS });
    const serving = serveSubgraphSubscriptions({
      server,
      schema,
      hub,
      gatewaySecrets,
      logger: options.logger,
      context: options.context,
      registry: metrics.registry,
    });
    return {
      close: async () => {
        await serving.close();
        await hub.close();
      },
    };
  };
}
