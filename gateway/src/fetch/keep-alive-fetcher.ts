import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/**
 * A Fetcher over node:http with keep-alive and a bounded number of sockets per subgraph: the
 * global `fetch` (undici) builds WHATWG requests, streams and a body clone for every call, which
 * was a fifth of the gateway's CPU on the in-memory benchmark (docs/benchmarks.md). `init.signal`
 * aborts the call.
 */
export function createKeepAliveFetcher(options: KeepAliveFetcherOptions = DEFAULT_KEEP_ALIVE): Fetcher & { destroy(): void } {
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets,
    maxFreeSockets: options.maxSockets,
    timeout: options.idleTimeoutMs,
    scheduling: 'lifo' as const,
  };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  const fetcher = (url: string, init: FetcherRequestInit = {}) =>
    new Promise<FetcherResponse>((resolve, reject) => {
      const secure = url.startsWith('https:');
      const signal = init.signal as AbortSignal | undefined;
      if (signal?.aborted) return reject(signal.reason);
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers: Record<string, string | number> = { ...init.headers };
      if (body) headers['content-length'] = body.length;
      const request = (secure ? httpsRequest : httpRequest)(url, { method: init.method ?? 'GET', headers, agent: secure ? https : http }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(
            new BufferedResponse(
              url,
              response.statusCode ?? 0,
              response.statusMessage ?? '',
              response.headers,
              chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks),
            ),
          );
        });
      });
      const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(body);
    });
  return Object.assign(fetcher, {
    destroy: () => {
      http.destroy();
      https.destroy();
    },
  });
}
