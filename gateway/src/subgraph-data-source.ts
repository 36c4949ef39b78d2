import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import { encodeViewer, newNonce, NONCE_HEADER, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER, type Viewer } from '@shopgraph/auth';
import type { GatewayContext } from './context';
import { EntityFetchMerger, type PlanSiblings } from './merge/entity-fetch-merger';
import type { GatewayMetrics } from './observability/metrics';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  gatewaySecret: string;
  /** Every call to the subgraph is aborted after this long. */
  timeoutMs: number;
  metrics: GatewayMetrics;
  /** Sends the signed request; the gateway shares one keep-alive fetcher among all subgraphs. */
  fetcher: Fetcher;
  /** Sibling entity fetches of the running plans, sent to this subgraph as one call; none when absent. */
  siblings?: PlanSiblings;
}

const NOBODY: Viewer = { id: null, roles: [] };

/**
 * Set by willSendRequest on calls another identical call may share, read (and removed) by the
 * sharing fetcher; never sent.
 */
const SHAREABLE_HEADER = 'x-shopgraph-shareable';

/**
 * The viewer header for this second. Every subgraph call of a request encodes the same viewer, so
 * it is encoded once per request and second (the value holds the second it expires from).
 */
const encodedViewers = new WeakMap<object, { second: number; value: string }>();
function viewerHeaderOf(context: GatewayContext): string {
  const second = Math.floor(Date.now() / 1000);
  const cached = encodedViewers.get(context);
  if (cached?.second === second) return cached.value;
  const value = encodeViewer(context.viewer, second);
  encodedViewers.set(context, { second, value });
  return value;
}

/**
 * Fetches from one subgraph. Only headers set here reach subgraphs, so identity headers a client
 * sent never do; the viewer is put in the gateway's own header, and the fetcher signs it together
 * with the exact body it sends. The request id and the client's W3C trace context go along, so
 * one request can be followed through every service's logs.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly name: string;
  private readonly siblings: PlanSiblings | undefined;
  private readonly merger: EntityFetchMerger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: sharingFetcher(timedFetcher(options, signingFetcher(options.gatewaySecret, options.fetcher))) });
    this.name = options.name;
    this.siblings = options.siblings;
    this.merger = new EntityFetchMerger((merged) => super.process(merged as GraphQLDataSourceProcessOptions<GatewayContext>));
  }

  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const group = this.siblings?.groupOf(options as GraphQLDataSourceProcessOptions<Record<string, unknown>>, this.name);
    return group ? this.merger.fetch(options as GraphQLDataSourceProcessOptions<Record<string, unknown>>, group) : super.process(options);
  }

  /**
   * A subgraph that refuses a request with 503 SERVICE_UNAVAILABLE (its nonce store is down) said
   * what clients should hear: keep its message and code instead of Apollo's bare "503: Service Unavailable".
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: { errors?: { message?: unknown; extensions?: Record<string, unknown> }[] } } | undefined)?.body;
    const first = typeof body === 'object' ? body?.errors?.[0] : undefined;
    if (response.status !== 503 || first?.extensions?.code !== ErrorCode.SERVICE_UNAVAILABLE) return error;
    return new GraphQLError(String(first.message), { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: first.extensions.retryAfterSeconds } });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    const headers = request.http?.headers;
    if (!headers) return;
    if (context && 'requestId' in context) {
      // The anonymous viewer's queries answer the same for everyone: identical ones in flight at
      // once are sent once. Never a signed-in viewer's, never a mutation's.
      const viewer = (context as GatewayContext).viewer;
      if (
        'incomingRequestContext' in options &&
        options.incomingRequestContext.operation?.operation === 'query' &&
        viewer.id === null &&
        viewer.roles.length === 0
      ) {
        headers.set(SHAREABLE_HEADER, '1');
      }
      headers.set('x-request-id', context.requestId);
      headers.set(VIEWER_HEADER, viewerHeaderOf(context as GatewayContext));
      for (const [name, value] of Object.entries((context as GatewayContext).traceHeaders ?? {})) headers.set(name, value);
    } else {
      // The gateway's own requests (none by default with a static supergraph) go as nobody.
      headers.set(VIEWER_HEADER, encodeViewer(NOBODY));
    }
  }
}

/**
 * Identical shareable calls (same URL and body) made while one is in flight wait for that one's
 * answer instead of sending their own; each gets its own response object over the same bytes, so
 * each parses its own copy. The subgraph-fetch metric counts the calls actually sent.
 */
function sharingFetcher(send: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url: string, init?: FetcherRequestInit) => {
    const headers = init?.headers;
    if (!headers?.[SHAREABLE_HEADER] || typeof init?.body !== 'string') return send(url, init);
    const { [SHAREABLE_HEADER]: _shareable, ...rest } = headers;
    const key = `${url}\n${init.body}`;
    const running = inFlight.get(key);
    if (running) return running.then(copyOf);
    const call = send(url, { ...init, headers: rest });
    inFlight.set(key, call);
    const done = () => inFlight.delete(key);
    call.then(done, done);
    return call;
  };
}

function copyOf(response: FetcherResponse): FetcherResponse {
  return typeof (response as { copy?: () => FetcherResponse }).copy === 'function' ? (response as unknown as { copy(): FetcherResponse }).copy() : response.clone();
}

function signingFetcher(secret: string, send: Fetcher): Fetcher {
  return (url: string, init?: FetcherRequestInit) => {
    const headers = { ...init?.headers };
    const viewerPart = headers[VIEWER_HEADER] ?? encodeViewer(NOBODY);
    headers[VIEWER_HEADER] = viewerPart;
    // A nonce per call, so even two identical mutations (a double click) sign differently.
    const nonce = newNonce();
    headers[NONCE_HEADER] = nonce;
    headers[SIGNATURE_HEADER] = signatureFor(secret, viewerPart, nonce, typeof init?.body === 'string' ? init.body : '');
    return send(url, { ...init, headers });
  };
}

class SubgraphTimeout extends Error {}

function timedFetcher(options: SubgraphDataSourceOptions, send: Fetcher): Fetcher {
  return async (url: string, init?: FetcherRequestInit) => {
    // One controller and one timer per call: AbortSignal.timeout and AbortSignal.any cost several
    // times more, and nothing upstream passes a signal of its own today.
    const controller = new AbortController();
    const given = init?.signal as AbortSignal | undefined;
    const onGiven = () => controller.abort(given?.reason);
    if (given) given.aborted ? onGiven() : given.addEventListener('abort', onGiven, { once: true });
    const timer = setTimeout(() => controller.abort(new SubgraphTimeout()), options.timeoutMs);
    const stop = options.metrics.subgraphFetch.startTimer({ subgraph: options.name });
    try {
      const response = await send(url, { ...init, signal: controller.signal });
      stop({ outcome: response.ok ? 'ok' : 'error' });
      return response;
    } catch (error) {
      const timedOut = controller.signal.reason instanceof SubgraphTimeout;
      stop({ outcome: timedOut ? 'timeout' : 'error' });
      throw timedOut ? new Error(`${options.name} did not answer within ${options.timeoutMs} ms`) : error;
    } finally {
      clearTimeout(timer);
      given?.removeEventListener('abort', onGiven);
    }
  };
}
