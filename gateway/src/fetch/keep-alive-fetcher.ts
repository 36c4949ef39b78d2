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
 * Collects one call's answer into a BufferedResponse. A class, not a handler object of closures:
 * one allocation per call, with methods shared on the prototype.
 */
class BufferingHandler implements Dispatcher.DispatchHandler {
  private readonly chunks: Buffer[] = [];
  private status = 0;
  private statusText = '';
  private headers: IncomingHttpHeaders = {};
  private controller: Dispatcher.DispatchController | undefined;

  constructor(
    private readonly url: string,
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (response: FetcherResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    // The handler is its own abort listener (an EventListener object): no closure per call.
    signal?.addEventListener('abort', this, { once: true });
  }

  /**
   * The signal aborted: rejects at once, even while the call waits in the pool for a connection
   * (undici starts it, and so gives it a controller, only when one is free): a timeout must not
   * wait for a socket.
   */
  handleEvent(): void {
    const reason = this.signal?.reason instanceof Error ? this.signal.reason : new Error('aborted');
    this.reject(reason);
    this.controller?.abort(reason);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.signal?.aborted) this.handleEvent();
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders, statusMessage?: string): void {
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.signal?.removeEventListener('abort', this);
    const body = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.resolve(new BufferedResponse(this.url, this.status, this.statusText, this.headers, body));
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.signal?.removeEventListener('abort', this);
    this.reject(error);
  }
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
      const method = (init.method ?? 'GET') as Dispatcher.HttpMethod;
      agent.dispatch({ origin, path, method, headers: init.headers, body: init.body ?? null }, new BufferingHandler(url, signal, resolve, reject));
    });
  return Object.assign(fetcher, {
    destroy: () => {
      void agent.destroy();
    },
  });
}
