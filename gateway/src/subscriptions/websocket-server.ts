import type { IncomingMessage, Server } from 'node:http';
import { GraphQLError, parse, validate, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Viewer } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import { ErrorCode } from '@shopgraph/server';
import { SubscriptionCloseCode } from './close-codes';
import { createSubscribeResolver, subscriptionFieldResolver, type QueryResult, type SubscriptionContext } from './subscription-resolvers';
import type { EventHub } from './event-hub';

export interface SubscriptionLimits {
  /** Milliseconds a client has to send connection_init. */
  connectionInitTimeoutMs: number;
  /** Milliseconds between keep-alive pings; a client that misses a pong is dropped. */
  keepAliveMs: number;
  maxSubscriptionsPerConnection: number;
  maxSubscriptionsPerUser: number;
  /** Bytes a client may leave unread before it is closed as a slow consumer. */
  maxBufferedBytes: number;
  /** Largest message accepted from a client. */
  maxPayloadBytes: number;
  /** Browser origins allowed to connect; empty allows any (development). */
  allowedOrigins: readonly string[];
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  connectionInitTimeoutMs: 10_000,
  keepAliveMs: 12_000,
  maxSubscriptionsPerConnection: 20,
  maxSubscriptionsPerUser: 50,
  maxBufferedBytes: 1024 * 1024,
  maxPayloadBytes: 64 * 1024,
  allowedOrigins: [],
};

export interface SubscriptionServerDeps {
  server: Server;
  path: string;
  /** The API schema, once the supergraph is loaded. */
  schema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
  runQuery(viewer: Viewer, request: { requestId: string; clientIp: string }, query: string, variables: Record<string, unknown>): Promise<QueryResult>;
  hub: EventHub;
  logger: Logger;
  limits?: Partial<SubscriptionLimits>;
}

interface ConnectionState {
  viewer?: Viewer;
  subscriptions: Set<string>;
  expiryTimer?: NodeJS.Timeout;
}

/** graphql-ws (`graphql-transport-ws`) on the gateway's own port and path. */
export function attachSubscriptionServer(deps: SubscriptionServerDeps): { close(): Promise<void>; openConnections(): number } {
  const limits = { ...DEFAULT_SUBSCRIPTION_LIMITS, ...deps.limits };
  const allowed = new Set(limits.allowedOrigins);
  const wss = new WebSocketServer({
    server: deps.server,
    path: deps.path,
    maxPayload: limits.maxPayloadBytes,
    verifyClient: ({ origin }: { origin?: string }) => allowed.size === 0 || !origin || allowed.has(origin),
  });
  const perUser = new Map<string, number>();
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    let state = states.get(extra);
    if (!state) states.set(extra, (state = { subscriptions: new Set() }));
    return state;
  };
  const subscribeResolver = createSubscribeResolver(deps.hub);

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        try {
          const viewer = await deps.verifyAccessToken(typeof authorization === 'string' ? authorization : undefined);
          const state = stateOf(ctx.extra);
          state.viewer = { id: viewer.id, roles: viewer.roles };
          if (viewer.expiresAt) {
            // The token stops being valid mid-connection: close, and the client reconnects with a fresh one.
            state.expiryTimer = setTimeout(() => ctx.extra.socket.close(SubscriptionCloseCode.Forbidden, 'Access token expired'), Math.max(0, viewer.expiresAt - Date.now()));
            state.expiryTimer.unref();
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const schema = deps.schema();
        const state = stateOf(ctx.extra);
        const viewer = state.viewer!;
        const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];
        if (!schema) return refuse('The gateway has not loaded its schema yet', ErrorCode.SERVICE_UNAVAILABLE);
        if (state.subscriptions.size >= limits.maxSubscriptionsPerConnection) return refuse(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`, ErrorCode.RATE_LIMITED);
        const userKey = viewer.id ?? 'anonymous';
        if ((perUser.get(userKey) ?? 0) >= limits.maxSubscriptionsPerUser) return refuse(`At most ${limits.maxSubscriptionsPerUser} subscriptions per user`, ErrorCode.RATE_LIMITED);
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as GraphQLError];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition' && (!payload.operationName || definition.name?.value === payload.operationName));
        if (!operation || operation.kind !== 'OperationDefinition' || operation.operation !== 'subscription') {
          return refuse('Send queries and mutations over HTTP; this socket serves subscriptions', ErrorCode.BAD_USER_INPUT);
        }
        state.subscriptions.add(id);
        perUser.set(userKey, (perUser.get(userKey) ?? 0) + 1);
        const request = { requestId: `ws-${id}`, clientIp: (ctx.extra.request as IncomingMessage).socket.remoteAddress ?? 'unknown' };
        const contextValue: SubscriptionContext = { viewer, runQuery: (query, variables) => deps.runQuery(viewer, request, query, variables) };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
          fieldResolver: subscriptionFieldResolver,
          subscribeFieldResolver: subscribeResolver,
        };
      },
      onNext: (ctx) => {
        if (ctx.extra.socket.bufferedAmount > limits.maxBufferedBytes) ctx.extra.socket.close(SubscriptionCloseCode.SlowConsumer, 'Slow consumer');
      },
      onComplete: (ctx, id) => release(ctx.extra, id),
      onClose: (ctx) => {
        const state = stateOf(ctx.extra);
        clearTimeout(state.expiryTimer);
        for (const id of [...state.subscriptions]) release(ctx.extra, id);
      },
    },
    wss,
    limits.keepAliveMs,
  );

  function release(extra: object, id: string): void {
    const state = stateOf(extra);
    if (!state.subscriptions.delete(id)) return;
    const userKey = state.viewer?.id ?? 'anonymous';
    const left = (perUser.get(userKey) ?? 1) - 1;
    if (left > 0) perUser.set(userKey, left);
    else perUser.delete(userKey);
  }

  return {
    openConnections: () => wss.clients.size,
    close: async () => {
      for (const client of wss.clients) client.close(1001, 'Gateway shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
