import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import { encodeViewer, SIGNATURE_HEADER, signatureFor, VIEWER_HEADER } from '@shopgraph/auth';
import type { GatewayContext } from './context';

/**
 * Fetches from one subgraph. Only headers set here reach subgraphs, so identity headers a client
 * sent never do; the viewer is put in the gateway's own header, and the fetcher signs it together
 * with the exact body it sends.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(options: { url: string; gatewaySecret: string; fetcher?: Fetcher }) {
    const send = options.fetcher ?? (fetch as unknown as Fetcher);
    super({ url: options.url, fetcher: signingFetcher(options.gatewaySecret, send) });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    if (context && 'requestId' in context) {
      headers.set('x-request-id', context.requestId);
      headers.set(VIEWER_HEADER, encodeViewer(context.viewer));
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
