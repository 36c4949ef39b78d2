import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

export interface KeepAliveFetcherOptions {
  /** Open sockets per subgraph origin, busy and idle together; more concurrent calls queue for one. */
  maxSockets: number;
  /**
   * An idle socket is closed after this long. Shorter than the subgraphs' keepAliveTimeout (65 s
   * in serveGraphQL) so the gateway, not the subgraph, closes it, and never writes to a socket the
   * other end is closing.
   */
  idleTimeoutMs: number;
}

export const DEFAULT_KEEP_ALIVE: KeepAliveFetcherOptions = { maxSockets: 128, idleTimeoutMs: 60_000 };

/** Read-only headers of a response, in the shape @apollo/gateway reads (`get`). */
class ResponseHeaders implements FetcherHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }
  append(): void {
    throw new Error('response headers are read-only');
  }
  delete(): void {
    throw new Error('response headers are read-only');
  }
  set(): void {
    throw new Error('response headers are read-only');
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw)) yield [name, this.get(name)!];
  }
  *keys(): IterableIterator<string> {
    yield* Object.keys(this.raw);
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

/** A response whose body has been read whole: subgraph answers are JSON documents, parsed once. */
class BufferedResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly headers: ResponseHeaders;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    private readonly rawHeaders: IncomingHttpHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = new ResponseHeaders(rawHeaders);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    this.bodyUsed = true;
    return JSON.parse(this.body.toString('utf8'));
  }
  /** Another response over the same bytes, for a caller that shares this call. */
  copy(): BufferedResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.rawHeaders, this.body);
  }
  clone(): FetcherResponse {
    return this.copy();
  }
}

/** Origin and path of a subgraph URL, parsed once: a gateway calls the same few URLs all day. */
const parsedUrls = new Map<string, { origin: string; path: string }>();
function originAndPath(url: string): { origin: string; path: string } {
  let parsed = parsedUrls.get(url);
  if (!parsed) {
    const { origin, pathname, search } = new URL(url);
    parsed = { origin, path: `${pathname}${search}` };
    if (parsedUrls.size < 1_000) parsedUrls.set(url, parsed);
  }
  return parsed;
}

/**
 * A Fetcher over undici's connection pools with keep-alive and a bounded number of connections per
 * subgraph. Not the global `fetch` (undici too, but it builds WHATWG requests, streams and a body
 * clone for every call: a fifth of the gateway's CPU on the in-memory benchmark), and not node:http
 * either: its ClientRequest, agent bookkeeping and stream plumbing were a quarter of the CPU on (c)
 * no-dedup (docs/benchmarks.md). undici's dispatch hands the answer over in chunks, with no stream
 * in between. `init.signal` aborts the call; the caller's timer is the only timeout.
 */
export function createKeepAliveFetcher(options: KeepAliveFetcherOptions = DEFAULT_KEEP_ALIVE): Fetcher & { destroy(): void } {
  const agent = new Agent({
    connections: options.maxSockets,
    keepAliveTimeout: options.idleTimeoutMs,
    keepAliveMaxTimeout: options.idleTimeoutMs,
    // timedFetcher aborts a call that takes too long; no second, different clock here.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const fetcher = (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const signal = init.signal as AbortSignal | undefined;
      if (signal?.aborted) return reject(signal.reason);
      const { origin, path } = originAndPath(url);
      const chunks: Buffer[] = [];
      let status = 0;
      let statusText = '';
      let headers: IncomingHttpHeaders = {};
      let controller: Dispatcher.DispatchController | undefined;
      const onAbort = () => controller?.abort(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      const handler: Dispatcher.DispatchHandler = {
        onRequestStart: (started) => {
          controller = started;
          if (signal?.aborted) onAbort();
        },
        onResponseStart: (_controller, statusCode, responseHeaders, statusMessage) => {
          status = statusCode;
          statusText = statusMessage ?? '';
          headers = responseHeaders;
        },
        onResponseData: (_controller, chunk) => {
          chunks.push(chunk);
        },
        onResponseEnd: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(new BufferedResponse(url, status, statusText, headers, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        },
        onResponseError: (_controller, error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      agent.dispatch({ origin, path, method: (init.method ?? 'GET') as Dispatcher.HttpMethod, headers: init.headers, body: init.body ?? null }, handler);
    });
  return Object.assign(fetcher, {
    destroy: () => {
      void agent.destroy();
    },
  });
}
