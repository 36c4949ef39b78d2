import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { Counter, type Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import type { Viewer } from '@shopgraph/auth';
import { isCursor } from '@shopgraph/events';
import type { Logger } from '@shopgraph/logging';
import { ErrorCode } from '@shopgraph/server';
import type { EventHub } from './event-hub';
import { verifySubscription } from './signed-subscription';
import { subscribeWithCursors } from './source-stream';
import { subscriptionScope, type SubscriptionScope } from './subscription-scope';

/** Who subscribes, as the subgraph's context function needs it. */
export interface SubscriptionRequestInfo {
  requestId: string;
  logger: Logger;
  /** The viewer the gateway signed for. */
  viewer: Viewer;
  subscriptions: SubscriptionScope;
}

export interface SubgraphSubscriptionOptions<TContext> {
  server: Server;
  /** The subgraph's executable schema: the same as its HTTP server's, Subscription resolvers included. */
  schema: GraphQLSchema;
  hub: EventHub;
  /** Secrets a `subscribe` message may be signed with (the current one and one being rotated out). */
  gatewaySecrets: readonly string[];
  logger: Logger;
  /** Makes the operation's context from the signed viewer, as the subgraph does for HTTP requests. */
  context(request: SubscriptionRequestInfo): Promise<TContext> | TContext;
  /** Where `shopgraph_subscription_events_total` is registered (the subgraph's /metrics). */
  registry: Registry;
  path?: string;
  /** Milliseconds between pings; a gateway that misses a pong is dropped. */
  keepAliveMs?: number;
}

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * graphql-ws on the subgraph's own HTTP server, for the gateway only: every `subscribe` message
 * must carry the gateway's signature over the viewer and the operation in its extensions, checked
 * per operation as each HTTP request is; unsigned or badly signed ones are refused.
 */
export function serveSubgraphSubscriptions<TContext>(options: SubgraphSubscriptionOptions<TContext>): { close(): Promise<void> } {
  const wss = new WebSocketServer({ server: options.server, path: options.path ?? '/graphql' });
  const events = new Counter({
    name: 'shopgraph_subscription_events_total',
    help: 'Subscription events sent to the gateway, by subscription field',
    labelNames: ['field'],
    registers: [options.registry],
  });
  // How each operation's events get a context of their own (source-stream.ts), by the operation's context.
  const contextForEvents = new WeakMap<object, () => Promise<TContext> | TContext>();
  const disposable = useServer(
    {
      schema: options.schema,
      subscribe: (args) =>
        subscribeWithCursors(args, contextForEvents.get(args.contextValue as object) ?? (() => args.contextValue), (field) => events.inc({ field })),
      onSubscribe: async (_ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const verified = verifySubscription(options.gatewaySecrets, payload);
        if (!verified.ok) {
          options.logger.warn({ reason: verified.reason }, 'refused a subscription without a valid gateway signature');
          return refuse('Subscriptions must come through the gateway', ErrorCode.UNAUTHENTICATED);
        }
        if (verified.resumeAfter !== undefined && !isCursor(verified.resumeAfter)) return refuse('"resumeAfter" is not a cursor', ErrorCode.BAD_USER_INPUT);
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(options.schema, document);
        if (errors.length > 0) return errors;
        const requestId = `sub-${randomUUID()}`;
        const scope = subscriptionScope(options.hub, verified.resumeAfter);
        const request = { requestId, logger: options.logger.child({ requestId }), viewer: verified.viewer, subscriptions: scope };
        const contextValue = (await options.context(request)) as object;
        contextForEvents.set(contextValue, () => options.context(request));
        return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue };
      },
    },
    wss,
    options.keepAliveMs ?? 12_000,
  );
  // Once, however often it is asked: a service stopped twice (a test's restart, then the platform's
  // stop) must not reach graphql-ws's dispose again, which rejects on a server already closed.
  let closing: Promise<void> | undefined;
  const close = async () => {
    for (const client of wss.clients) client.close(1001, 'Subgraph shutting down');
    await disposable.dispose();
    options.registry.removeSingleMetric('shopgraph_subscription_events_total');
  };
  return { close: () => (closing ??= close()) };
}
