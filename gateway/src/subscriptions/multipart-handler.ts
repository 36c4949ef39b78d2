import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { ExecutionResult } from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { prepareSubscription, type SubscriptionRequest, type SubscriptionTransportDeps } from './subscription-operation';

export interface MultipartDeps extends SubscriptionTransportDeps {
  maxSubscriptionsPerUser: number;
  /** Largest request body accepted. */
  maxPayloadBytes: number;
  /** Bytes a client may leave unread before its response is cut as a slow consumer. */
  maxBufferedBytes: number;
  /** Milliseconds between heartbeat parts (`{}`), which keep proxies from closing a quiet response. */
  heartbeatMs?: number;
}

const BOUNDARY = 'graphql';
// Each part ends with the next delimiter, as Apollo Router writes them, so a client can read a part as soon as it arrives.
const DELIMITER = `\r\n--${BOUNDARY}`;
const PART_HEADER = '\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';
const END = '--\r\n';

/**
 * True for a request in Apollo's multipart HTTP subscription protocol (what Apollo Client and
 * Apollo Router clients send): its Accept names `subscriptionSpec`. Queries with @defer ask for
 * multipart/mixed too, with deferSpec instead, and stay with Apollo Server.
 */
export function wantsMultipartSubscription(request: IncomingMessage): boolean {
  const accept = request.headers.accept ?? '';
  return request.method === 'POST' && accept.includes('multipart/mixed') && accept.includes('subscriptionSpec');
}

function answer(response: ServerResponse, status: number, message: string, code: string): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

function readJson(request: IncomingMessage, limit: number): Promise<SubscriptionRequest | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.once('end', () => {
      if (size > limit) return resolve(undefined);
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SubscriptionRequest;
        resolve(typeof body?.query === 'string' ? body : undefined);
      } catch {
        resolve(undefined);
      }
    });
    request.once('error', () => resolve(undefined));
  });
}

/**
 * Subscriptions over multipart HTTP (Apollo's protocol, subscriptionSpec 1.0), on the same path as
 * queries: one POST per operation, each result a `{"payload": …}` part, `{}` heartbeats between.
 * The Authorization header is verified as for any request.
 */
export function createMultipartHandler(deps: MultipartDeps): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  return async (request, response) => {
    let viewer: Viewer;
    try {
      const verified = await deps.verifyAccessToken(request.headers.authorization);
      viewer = { id: verified.id, roles: verified.roles };
    } catch {
      return answer(response, 401, 'The access token is not valid', ErrorCode.UNAUTHENTICATED);
    }
    const body = await readJson(request, deps.maxPayloadBytes);
    if (!body) return answer(response, 400, 'The body must be a JSON object with a "query"', ErrorCode.BAD_REQUEST);
    const requestId = `multipart-${randomUUID()}`;
    const prepared = prepareSubscription(body, {
      schema: deps.schema(),
      context: {
        viewer,
        requestId,
        clientIp: deps.clientAddress(request),
        logger: deps.logger.child({ requestId }),
        disconnectSlowConsumer: () => response.destroy(),
      },
    });
    if (Array.isArray(prepared)) return answer(response, 400, prepared[0]!.message, String(prepared[0]!.extensions?.code ?? ErrorCode.BAD_USER_INPUT));
    const userKey = viewer.id ?? 'anonymous';
    if (!deps.quota.acquire(userKey)) return answer(response, 429, `At most ${deps.maxSubscriptionsPerUser} subscriptions per user`, ErrorCode.RATE_LIMITED);
    const stream = await deps.subscribe(prepared as never).catch((error: unknown) => ({ errors: [error] }) as unknown as ExecutionResult);
    response.writeHead(200, { 'content-type': `multipart/mixed; boundary="${BOUNDARY}"; subscriptionSpec="1.0"`, 'cache-control': 'no-cache' });
    // Now, not with the first part: the client knows its subscription is open before any event.
    response.write(DELIMITER);
    const send = (part: unknown) => {
      response.write(`${PART_HEADER}${JSON.stringify(part)}${DELIMITER}`);
      if (response.writableLength > deps.maxBufferedBytes) response.destroy();
    };
    const heartbeat = setInterval(() => send({}), deps.heartbeatMs ?? 5_000);
    const finish = () => {
      clearInterval(heartbeat);
      deps.quota.release(userKey);
    };
    if (!(Symbol.asyncIterator in stream)) {
      send({ payload: stream });
      finish();
      response.end(END);
      return;
    }
    const results = stream as AsyncIterableIterator<ExecutionResult>;
    // The client went away: stop the subscription (its upstream, when it was the last to share it).
    response.once('close', () => void results.return?.());
    try {
      for await (const result of results) {
        if (response.destroyed) break;
        send({ payload: result });
      }
    } finally {
      finish();
      if (!response.destroyed) response.end(END);
    }
  };
}
