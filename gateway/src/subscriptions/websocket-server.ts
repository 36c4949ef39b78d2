import type { IncomingMessage, Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { webSocketServerOptions } from '../websocket-policy';
import { batchWritesThisTurn } from './batched-writes';
import { SubscriptionCloseCode } from './close-codes';
import { prepareSubscription, type SubscriptionTransportDeps } from './subscription-operation';

export interface SubscriptionLimits {
  /** Milliseconds a client has to send connection_init. */
  connectionInitTimeoutMs: number;
  /** Milliseconds between keep-alive pings; a client that misses a pong is dropped. */
  keepAliveMs: number;
  maxSubscriptionsPerConnection: number;
  maxSubscriptionsPerUser: number;
  /** Events waiting for one subscriber before it is cut off as a slow consumer. */
  maxQueuedEvents: number;
  /** Bytes a client may leave unread before it is closed as a slow consumer. */
  maxBufferedBytes: number;
  /** Largest message accepted from a client. */
  maxPayloadBytes: number;
  /**
   * Browser origins allowed to connect (clients without an Origin, such as mobile apps, always may);
   * 'any' lets every page connect, for development.
   */
  allowedOrigins: readonly string[] | 'any';
}

export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  connectionInitTimeoutMs: 10_000,
  keepAliveMs: 12_000,
  maxSubscriptionsPerConnection: 20,
  maxSubscriptionsPerUser: 50,
  maxQueuedEvents: 1_000,
  maxBufferedBytes: 1024 * 1024,
  maxPayloadBytes: 64 * 1024,
  allowedOrigins: 'any',
};

export interface SubscriptionServerDeps extends SubscriptionTransportDeps {
  server: Server;
  path: string;
  limits: SubscriptionLimits;
}

interface ConnectionState {
  viewer?: Viewer;
  subscriptions: Set<string>;
  expiryTimer?: NodeJS.Timeout;
}

/** graphql-ws (`graphql-transport-ws`) on the gateway's own port and path. */
export function attachSubscriptionServer(deps: SubscriptionServerDeps): { close(): Promise<void>; openConnections(): number } {
  const { limits } = deps;
  const wss = new WebSocketServer({
    server: deps.server,
    path: deps.path,
    ...(limits.allowedOrigins === 'any'
      ? { maxPayload: limits.maxPayloadBytes }
      : webSocketServerOptions({ allowedOrigins: limits.allowedOrigins, maxPayloadBytes: limits.maxPayloadBytes })),
  });
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    let state = states.get(extra);
    if (!state) states.set(extra, (state = { subscriptions: new Set() }));
    return state;
  };
  const refuse = (message: string) => [new GraphQLError(message, { extensions: { code: ErrorCode.RATE_LIMITED } })];

  const disposable = useServer<Record<string, unknown> | undefined>(
    {
      connectionInitWaitTimeout: limits.connectionInitTimeoutMs,
      subscribe: deps.subscribe,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.authorization ?? params.Authorization;
        try {
          const viewer = await deps.verifyAccessToken(typeof authorization === 'string' ? authorization : undefined);
          const state = stateOf(ctx.extra);
          state.viewer = { id: viewer.id, roles: viewer.roles };
          if (viewer.expiresAt) {
            // The token stops being valid mid-connection: close, and the client reconnects with a fresh one.
            state.expiryTimer = setTimeout(
              () => ctx.extra.socket.close(SubscriptionCloseCode.Forbidden, 'Access token expired'),
              Math.max(0, viewer.expiresAt - Date.now()),
            );
            state.expiryTimer.unref();
          }
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden
        }
      },
      onSubscribe: (ctx, id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const state = stateOf(ctx.extra);
        const viewer = state.viewer!;
        if (state.subscriptions.size >= limits.maxSubscriptionsPerConnection)
          return refuse(`At most ${limits.maxSubscriptionsPerConnection} subscriptions per connection`);
        const requestId = `ws-${randomUUID()}`;
        const prepared = prepareSubscription(payload, {
          schema: deps.schema(),
          context: {
            viewer,
            requestId,
            clientIp: deps.clientAddress(ctx.extra.request as IncomingMessage),
            logger: deps.logger.child({ requestId }),
            disconnectSlowConsumer: () => ctx.extra.socket.close(SubscriptionCloseCode.SlowConsumer, 'Slow consumer'),
          },
        });
        if (Array.isArray(prepared)) return prepared;
        if (!deps.quota.acquire(viewer.id ?? 'anonymous')) return refuse(`At most ${limits.maxSubscriptionsPerUser} subscriptions per user`);
        state.subscriptions.add(id);
        return prepared as ExecutionArgs;
      },
      onNext: (ctx) => {
        if (ctx.extra.socket.bufferedAmount > limits.maxBufferedBytes) ctx.extra.socket.close(SubscriptionCloseCode.SlowConsumer, 'Slow consumer');
        else batchWritesThisTurn(ctx.extra.socket);
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
    if (state.subscriptions.delete(id)) deps.quota.release(state.viewer?.id ?? 'anonymous');
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
