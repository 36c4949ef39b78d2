import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER } from '@shopgraph/auth';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './observability/metrics';

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  gatewaySecret: string;
  /** Every call to the subgraph is aborted after this long. */
  timeoutMs: number;
  metrics: GatewayMetrics;
  fetcher?: Fetcher;
}

/**
 * Fetches from one subgraph. Only headers set here reach subgraphs, so identity headers a client
 * sent never do; the viewer is put in the gateway's own header, and the fetcher signs it together
 * with the exact body it sends. The request id and the client's W3C trace context go along, so
 * one request can be followed through every service's logs.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: SubgraphDataSourceOptions) {
    const send = options.fetcher ?? (fetch as unknown as Fetcher);
    super({ url: options.url, fetcher: timedFetcher(options, signingFetcher(options.gatewaySecret, send)) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context && 'requestId' in context) {
      headers.set('x-request-id', context.requestId);
      headers.set(VIEWER_HEADER, encodeViewer(context.viewer));
      for (const [name, value] of Object.entries((context as GatewayContext).traceHeaders ?? {})) headers.set(name, value);
    } else {
      // The gateway's own requests (none by default with a static supergraph) go as nobody.
      headers.set(VIEWER_HEADER, encodeViewer({ id: null, roles: [] }));
    }
  }
}

function signingFetcher(secret: string, send: Fetcher): Fetcher {
  return (url: string, init?: FetcherRequestInit) => {
    const headers = { ...(init?.headers as Record<string, string> | undefined) };
    const viewerPart = headers[VIEWER_HEADER] ?? encodeViewer({ id: null, roles: [] });
    headers[VIEWER_HEADER] = viewerPart;
    headers[SIGNATURE_HEADER] = signatureFor(secret, viewerPart, typeof init?.body === 'string' ? init.body : '');
    return send(url, { ...init, headers });
  };
}

function timedFetcher(options: SubgraphDataSourceOptions, send: Fetcher): Fetcher {
  return async (url: string, init?: FetcherRequestInit) => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const given = init?.signal as AbortSignal | undefined;
    const stop = options.metrics.subgraphFetch.startTimer({ subgraph: options.name });
    try {
      const response = await send(url, { ...init, signal: given ? AbortSignal.any([given, timeout]) : timeout });
      stop({ outcome: response.ok ? 'ok' : 'error' });
      return response;
    } catch (error) {
      stop({ outcome: timeout.aborted ? 'timeout' : 'error' });
      throw timeout.aborted ? new Error(`${options.name} did not answer within ${options.timeoutMs} ms`) : error;
    }
  };
}
