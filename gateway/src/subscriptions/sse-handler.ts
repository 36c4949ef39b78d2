import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createHandler } from 'graphql-sse/lib/use/http';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { prepareSubscription, type SubscriptionTransportDeps } from './subscription-operation';

export interface SseDeps extends SubscriptionTransportDeps {
  maxSubscriptionsPerUser: number;
}

// The reason phrase is the standard one: the message may quote the client's input (a parse error
// quoting a NUL), and Node throws on control characters in a status line.
const problem = (status: number, message: string, code: string) =>
  [
    JSON.stringify({ errors: [{ message, extensions: { code } }] }),
    { status, statusText: STATUS_CODES[status] ?? 'Error', headers: { 'content-type': 'application/json' } },
  ] as const;

/** True for a request that asks for an event stream (graphql-sse's distinct connections mode). */
export function wantsEventStream(request: IncomingMessage): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Subscriptions over Server-Sent Events (graphql-sse protocol, one stream per operation), on the
 * same path as queries: the Authorization header is verified as for any request.
 */
export function createSseHandler(deps: SseDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return createHandler({
    // One stream per operation: no reservation tokens, nothing held between requests.
    authenticate: () => null as unknown as string,
    subscribe: deps.subscribe as never,
    onSubscribe: async (req, params) => {
      let viewer: Viewer;
      try {
        const verified = await deps.verifyAccessToken(req.headers.get('authorization') ?? undefined);
        viewer = { id: verified.id, roles: verified.roles };
      } catch {
        return problem(401, 'The access token is not valid', ErrorCode.UNAUTHENTICATED);
      }
      const requestId = req.headers.get('x-request-id') ?? `sse-${randomUUID()}`;
      const prepared = prepareSubscription(params, {
        schema: deps.schema(),
        context: {
          viewer,
          requestId,
          clientIp: deps.clientAddress(req.raw),
          logger: deps.logger.child({ requestId }),
          disconnectSlowConsumer: () => req.raw.destroy(),
        },
      });
      if (Array.isArray(prepared)) return problem(400, prepared[0]!.message, String(prepared[0]!.extensions?.code ?? ErrorCode.BAD_USER_INPUT));
      const userKey = viewer.id ?? 'anonymous';
      if (!deps.quota.acquire(userKey)) return problem(429, `At most ${deps.maxSubscriptionsPerUser} subscriptions per user`, ErrorCode.RATE_LIMITED);
      req.raw.once('close', () => deps.quota.release(userKey));
      return prepared as never;
    },
  });
}
