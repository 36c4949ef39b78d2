import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type HTTPGraphQLResponse } from '@apollo/server';
import { ANONYMOUS, verifySubgraphRequest, type Viewer } from '@shopgraph/auth';
import type { SingleUseNonces } from '@shopgraph/cache';
import { emptyStats, withOperationStats, type ServiceStats } from '@shopgraph/db';
import type { Logger } from '@shopgraph/logging';
import { clientAddressOf, type TrustedProxies } from './client-address';
import type { RequestScoped } from './error-masking';
import { ErrorCode } from './errors';
import { attachRequestOutcome, ServiceMetrics, type RequestOutcome } from './metrics';
import { claimSignatureNonce, holdsMutation } from './single-use-mutations';

export interface RequestInfo {
  requestId: string;
  logger: Logger;
  headers: HeaderMap;
  /** The viewer the gateway signed for; anonymous on a server that verifies no signature (the gateway itself). */
  viewer: Viewer;
  /** The peer's address, or X-Forwarded-For's client when the peer is a trusted proxy (ServeOptions.trustedProxies). */
  clientIp: string;
}

export interface GraphQLService<TContext extends RequestScoped> {
  apollo: ApolloServer<TContext>;
  /** The only place per-request state is made. */
  context(request: RequestInfo): Promise<TContext>;
  /** Extra public GET routes answering JSON, such as a JWKS document. */
  routes?: Record<string, () => Promise<unknown>>;
  /** Answers GET requests for other paths that it accepts (the gateway's explorer in development). */
  pages?: {
    accepts(pathname: string): boolean;
    handle(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void>;
  };
  /** Takes /graphql requests it accepts (Server-Sent Events subscriptions) before Apollo sees them. */
  eventStream?: {
    accepts(request: IncomingMessage): boolean;
    handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  };
  /**
   * Starts the service's background jobs (sweepers, event consumers, reconcilers) once it listens;
   * returns how to stop them. `metrics` is the registry served at this service's /metrics, for the jobs' own.
   */
  background?: (runtime: { metrics: ServiceMetrics }) => (() => Promise<void>) | Promise<() => Promise<void>>;
  /**
   * Serves the subgraph's subscriptions on its listening server (graphql-ws on /graphql, for the
   * gateway: @shopgraph/subscriptions), once it listens; returns how to stop serving them.
   */
  subscriptions?: (runtime: { server: Server; gatewaySecrets: readonly string[]; metrics: ServiceMetrics }) => { close(): Promise<void> };
}

/**
 * The HTTP layer's defaults, in one place, for whoever does not pass its own (the subgraphs; the
 * gateway passes GATEWAY_DEFAULTS). A subgraph's body limit is high because the gateway sends it
 * whole lists of entity representations; its batch size is 1 because the gateway never batches.
 */
export const SUBGRAPH_HTTP_DEFAULTS = {
  maxBodyBytes: 1_000_000,
  maxBatchSize: 1,
  /** On close, requests still running after this long have their connections closed. */
  drainTimeoutMs: 10_000,
} as const;

export interface ServeOptions {
  port: number;
  host?: string;
  logger: Logger;
  /** Largest request body accepted, in bytes; larger ones get 413. */
  maxBodyBytes?: number;
  /** GET /health (liveness) answers 200 only while this returns true. */
  isHealthy?: () => boolean;
  /**
   * GET /ready (readiness): `checks`, each true when what this process needs to serve answers now:
   * 200 when all pass, 503 otherwise and from the moment the server starts draining.
   * `dependencies` are reported beside them and never make it 503: a dependency every replica
   * shares (Redis, a subgraph) would take all of them out of the load balancer at once, while
   * each one still answers what it can (docs/operations.md, Health).
   */
  readiness?: () => Promise<Readiness>;
  /** Served at GET /metrics in Prometheus's text format; a fresh registry when absent. */
  metrics?: ServiceMetrics;
  /** Operations in one batched request (a JSON array body); more are refused with 400. */
  maxBatchSize?: number;
  /** On close, requests still running after this long have their connections closed (default 10 s). */
  drainTimeoutMs?: number;
  /**
   * A subgraph's shared secret with the gateway: every GraphQL request, `_entities` and `_service`
   * included, must carry the gateway's signature over its body, or it is refused with 401.
   */
  gatewaySecret?: string;
  /** Signatures by this secret are accepted too, during a shared-secret rotation. */
  alsoAcceptedGatewaySecret?: string;
  /**
   * Where the nonces of signed mutations are claimed (shared by every replica): a signed mutation
   * runs once, a replay is refused with 401. Queries are not checked. Without it, none are.
   */
  nonces?: SingleUseNonces;
  /** Where each request's statements and cache hits and misses are added up, by operation name. */
  stats?: ServiceStats;
  /** Peers whose X-Forwarded-For names the client (clientAddress); none by default. */
  trustedProxies?: TrustedProxies;
  /**
   * False for a service that never touches the database or the entity cache (the gateway): its
   * requests then run without the AsyncLocalStorage that counts statements, whose promise hooks
   * would otherwise slow every promise in the process. Default true.
   */
  countsDatabaseWork?: boolean;
}

export interface ListeningServer {
  server: Server;
  port: number;
  url: string;
  metrics: ServiceMetrics;
  /** Drains: /ready turns 503, no new connections, running requests finish (up to drainTimeoutMs). */
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}
/** The client went away before its body ended: nobody is left to answer. */
class ClientClosed extends Error {}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Past this many bytes over the limit, an oversized body is no longer read to its end: the socket
 * is closed under the client instead. Up to it, the rest is read and dropped, so a client still
 * sending gets to read its 413 (as Go's net/http does).
 */
const MAX_DISCARDED_BYTES = 16 * 1024 * 1024;

/**
 * The whole body, or BodyTooLarge once the request has ended (or sent more than
 * MAX_DISCARDED_BYTES past the limit). Stopping early would leave the rest on the socket, where a
 * keep-alive connection would wait for it forever.
 */
function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let dropping = false;
    // 'close' fires on every request, after its response too: the error (and its stack) is made
    // only for a body that never ended, not once per request (1% of the gateway's CPU).
    let ended = false;
    // Listeners passed inline, not named consts: the bundle keeps function names (keepNames) by
    // renaming each named closure with Object.defineProperty, per request here.
    request.on('data', (chunk: Buffer) => {
      if (dropping) return;
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + MAX_DISCARDED_BYTES) {
        dropping = true;
        request.pause();
        reject(new BodyTooLarge());
      }
    });
    request.once('end', () => {
      ended = true;
      if (size > limit) reject(new BodyTooLarge());
      else resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
    });
    request.once('error', reject);
    request.once('close', () => {
      if (!ended) reject(new ClientClosed());
    });
  });
}

/** What `new URL` gives for `/graphql`, which nearly every request asks for: that one is not parsed per request. */
const GRAPHQL_PATH: Readonly<Pick<URL, 'pathname' | 'search'>> = { pathname: '/graphql', search: '' };

function pathAndSearchOf(requestUrl: string | undefined): Readonly<Pick<URL, 'pathname' | 'search'>> {
  return requestUrl === '/graphql' ? GRAPHQL_PATH : new URL(requestUrl ?? '/', 'http://localhost');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function headerMapOf(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  // for...in rather than Object.entries: no [name, value] array per header per request.
  const given = request.headers;
  for (const key in given) {
    const value = given[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

// The two closures a request hands Apollo Server come from these functions rather than from named
// consts in the handler: the bundle keeps function names (keepNames), and renames every named
// closure with Object.defineProperty, which was measurable per request.
function contextOf<TContext extends RequestScoped>(service: GraphQLService<TContext>, info: RequestInfo, outcome: RequestOutcome): () => Promise<TContext> {
  return async () => attachRequestOutcome(await service.context(info), outcome);
}

function executeOnce<TContext extends RequestScoped>(
  service: GraphQLService<TContext>,
  options: Parameters<ApolloServer<TContext>['executeHTTPGraphQLRequest']>[0],
): () => Promise<HTTPGraphQLResponse> {
  return () => service.apollo.executeHTTPGraphQLRequest(options);
}

export interface Readiness {
  checks: Record<string, boolean>;
  dependencies?: Record<string, boolean>;
}

async function readinessOf(options: ServeOptions, draining: boolean): Promise<Readiness & { ready: boolean }> {
  const own: Readiness = (await options.readiness?.().catch(() => ({ checks: { checks: false } }))) ?? { checks: {} };
  const checks = { accepting: !draining, ...own.checks };
  return { ready: Object.values(checks).every(Boolean), checks, ...(own.dependencies && { dependencies: own.dependencies }) };
}

/** Serves one Apollo Server on node:http: POST/GET /graphql, GET /health, /ready and /metrics. */
export async function serveGraphQL<TContext extends RequestScoped>(service: GraphQLService<TContext>, options: ServeOptions): Promise<ListeningServer> {
  const maxBodyBytes = options.maxBodyBytes ?? SUBGRAPH_HTTP_DEFAULTS.maxBodyBytes;
  const metrics = options.metrics ?? new ServiceMetrics('service');
  let draining = false;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = pathAndSearchOf(request.url);
    if (url.pathname === '/health' && request.method === 'GET') {
      const healthy = options.isHealthy?.() ?? true;
      sendJson(response, healthy ? 200 : 503, { status: healthy ? 'ok' : 'starting' });
      return;
    }
    if (url.pathname === '/ready' && request.method === 'GET') {
      const { ready, ...readiness } = await readinessOf(options, draining);
      sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...readiness });
      return;
    }
    if (url.pathname === '/metrics' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(await metrics.registry.metrics());
      return;
    }
    const route = request.method === 'GET' ? service.routes?.[url.pathname] : undefined;
    if (route) {
      sendJson(response, 200, await route());
      return;
    }
    if (request.method === 'GET' && service.pages?.accepts(url.pathname)) {
      await service.pages.handle(request, response, url.pathname);
      return;
    }
    if (url.pathname !== '/graphql') {
      sendJson(response, 404, { error: 'not found' });
      return;
    }
    if (service.eventStream?.accepts(request)) {
      await service.eventStream.handle(request, response);
      return;
    }
    const requestId = requestIdOf(request);
    const logger = options.logger.child({ requestId });
    const headers = headerMapOf(request);
    const text = request.method === 'POST' ? await readBody(request, maxBodyBytes) : url.search;
    let viewer: Viewer = ANONYMOUS;
    let signature: { nonce: string; expiresAt: number } | undefined;
    if (options.gatewaySecret) {
      const verified = verifySubgraphRequest(
        [options.gatewaySecret, ...(options.alsoAcceptedGatewaySecret ? [options.alsoAcceptedGatewaySecret] : [])],
        headers,
        text,
      );
      if (!verified.ok) {
        logger.warn({ reason: verified.reason }, 'refused a request without a valid gateway signature');
        sendJson(response, 401, { errors: [{ message: 'Requests must come through the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });
        return;
      }
      viewer = verified.viewer;
      signature = verified;
    }
    let body: unknown = undefined;
    if (request.method === 'POST') {
      const contentType = headers.get('content-type') ?? '';
      if (contentType.includes('json')) {
        try {
          body = JSON.parse(text);
        } catch {
          sendJson(response, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: ErrorCode.BAD_REQUEST } }] });
          return;
        }
      } else {
        body = text;
      }
    }
    if (signature && options.nonces && holdsMutation(body)) {
      const verdict = await claimSignatureNonce(options.nonces, signature.nonce, signature.expiresAt);
      if (!verdict.fresh && verdict.reason === 'replayed') {
        logger.warn('refused a signed mutation sent a second time');
        sendJson(response, 401, {
          errors: [
            { message: 'This signed request was already used; requests must come through the gateway', extensions: { code: ErrorCode.UNAUTHENTICATED } },
          ],
        });
        return;
      }
      if (!verdict.fresh) {
        // Fail closed: without the shared store a replay could not be told from a first use.
        response.setHeader('retry-after', String(verdict.retryAfterSeconds));
        sendJson(response, 503, {
          errors: [
            {
              message: 'Changes cannot be made right now; try again shortly',
              extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: verdict.retryAfterSeconds },
            },
          ],
        });
        return;
      }
    }
    const maxBatchSize = options.maxBatchSize ?? SUBGRAPH_HTTP_DEFAULTS.maxBatchSize;
    if (Array.isArray(body) && body.length > maxBatchSize) {
      sendJson(response, 400, {
        errors: [
          {
            message: `A batch may hold at most ${maxBatchSize} operations, got ${body.length}`,
            extensions: { code: ErrorCode.BAD_REQUEST, limit: 'maxBatchSize' },
          },
        ],
      });
      return;
    }
    const operationStats = emptyStats();
    const outcome: RequestOutcome = { operations: [] };
    const started = performance.now();
    const execute = executeOnce(service, {
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: contextOf(service, { requestId, logger, headers, viewer, clientIp: clientAddressOf(request, options.trustedProxies) }, outcome),
    });
    const result = await (options.countsDatabaseWork === false ? execute() : withOperationStats(operationStats, execute));
    outcome.failed = (result.status ?? 200) >= 400;
    metrics.recordRequest(outcome, (performance.now() - started) / 1000);
    metrics.recordDatabaseWork(operationStats);
    const operationName = (body as { operationName?: unknown } | undefined)?.operationName;
    options.stats?.record(typeof operationName === 'string' ? operationName : '(anonymous)', operationStats);
    for (const [key, value] of result.headers) response.setHeader(key, value);
    response.setHeader('x-request-id', requestId);
    response.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      // As bytes: node:http would otherwise prepend its header block to a string body, and that
      // new string is copied whole once more when the socket writes it (a copy of every answer).
      response.end(Buffer.from(result.body.string, 'utf8'));
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  // One listener for every response, not a closure (and `once` wrapper) per request: 'finish'
  // fires once per response anyway.
  const closeIdleWhenDraining = () => {
    if (draining) server.closeIdleConnections();
  };
  const server = createServer((request, response) => {
    if (draining) {
      // Keep-alive sockets would hold the drain open until the timeout: close each after its response.
      response.shouldKeepAlive = false;
    }
    response.on('finish', closeIdleWhenDraining);
    handle(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLarge) {
        metrics.errors.inc({ code: ErrorCode.PAYLOAD_TOO_LARGE });
        // `connection: close`: the body may not have been read to its end (MAX_DISCARDED_BYTES).
        response.shouldKeepAlive = false;
        sendJson(response, 413, {
          errors: [{ message: `Request body is larger than ${maxBodyBytes} bytes`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }],
        });
        return;
      }
      if (error instanceof ClientClosed) {
        response.destroy();
        return;
      }
      options.logger.error({ err: error }, 'request failed');
      if (response.headersSent) {
        response.end();
        return;
      }
      try {
        sendJson(response, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] });
      } catch {
        // The response is past saving (a handler left an invalid status line on it): close the
        // connection rather than leave the client waiting for an answer that never comes.
        response.destroy();
      }
    });
  });
  // Longer than any load balancer's idle timeout, so the proxy closes idle sockets first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://localhost:${port}/graphql`,
    metrics,
    close: () =>
      new Promise<void>((resolve) => {
        draining = true;
        // Past the drain timeout, what still runs is cut off rather than holding the shutdown.
        const force = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? SUBGRAPH_HTTP_DEFAULTS.drainTimeoutMs);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
