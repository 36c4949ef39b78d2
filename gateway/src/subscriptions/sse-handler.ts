import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import type { EventHub } from './event-hub';
import { prepareSubscription } from './subscription-operation';
import type { SubscriptionQuota } from './subscription-quota';
import { createSubscribeResolver, type QueryResult } from './subscription-resolvers';

export interface SseDeps {
  schema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
  runQuery(viewer: Viewer, request: { requestId: string; clientIp: string }, query: string, variables: Record<string, unknown>): Promise<QueryResult>;
  hub: EventHub;
  quota: SubscriptionQuota;
  maxSubscriptionsPerUser: number;
  /** The client's address for rate limits: the peer's, or X-Forwarded-For's behind a trusted proxy. */
  clientAddress(request: IncomingMessage): string;
}

const problem = (status: number, message: string, code: string) =>
  [JSON.stringify({ errors: [{ message, extensions: { code } }] }), { status, statusText: message, headers: { 'content-type': 'application/json' } }] as const;

/** True for a request that asks for an event stream (graphql-sse's distinct connections mode). */
export function wantsEventStream(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Subscriptions over Server-Sent Events (graphql-sse protocol, one stream per operation), on the
 * same path as queries: the Authorization header is verified as for any request.
 */
export function createSseHandler(deps: SseDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const subscribeResolver = createSubscribeResolver(deps.hub);
  return createHandler({
    // One stream per operation: no reservation tokens, nothing held between requests.
    authenticate: () => null as unknown as string,
    onSubscribe: async (req, params) => {
      let viewer: Viewer;
      try {
        const verified = await deps.verifyAccessToken(req.headers.get('authorization') ?? undefined);
        viewer = { id: verified.id, roles: verified.roles };
      } catch {
        return problem(401, 'The access token is not valid', ErrorCode.UNAUTHENTICATED);
      }
      const request = { requestId: req.headers.get('x-request-id') ?? `sse-${randomUUID()}`, clientIp: deps.clientAddress(req.raw) };
      const prepared = prepareSubscription(params, { schema: deps.schema(), viewer, subscribeResolver, runQuery: (query, variables) => deps.runQuery(viewer, request, query, variables),
        disconnectSlowConsumer: () => req.raw.destroy(),
      });
      if (Array.isArray(prepared)) return problem(400, prepared[0]!.message, String(prepared[0]!.extensions?.code ?? ErrorCode.BAD_USER_INPUT));
      const userKey = viewer.id ?? 'anonymous';
      if (!deps.quota.acquire(userKey)) return problem(429, `At most ${deps.maxSubscriptionsPerUser} subscriptions per user`, ErrorCode.RATE_LIMITED);
      req.raw.once('close', () => deps.quota.release(userKey));
      return prepared as never;
    },
  });
}
