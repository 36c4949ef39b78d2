// Child process of run.ts: one tiny node:http server per subgraph that answers from memory, keyed
// by method, path and exact request body. The first time it sees a request it forwards it (headers
// and all, so the gateway's signature still holds) to the real subgraph and keeps the answer; the
// harness makes every gateway send every request once before timing, so timed runs are all hits.
// Counts requests so the parent can report subgraph requests per gateway request.
//
// Two things a real subgraph would not do, both for gateways the harness cannot change: a request
// that comes unsigned (Grafbase cannot sign) is signed here for the anonymous viewer before it is
// forwarded, as the others sign it; and the users subgraph's JWKS gets the harness's own key
// (BENCH_EXTRA_JWK) beside the real ones, so the fresh-token workload can mint a new access token
// for every request that our gateway verifies as it would one from the users subgraph.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, DEVELOPMENT_GATEWAY_SECRET, JWKS_PATH, SIGNATURE_HEADER, signSubgraphRequest } from '@shopgraph/auth';
import { runChild, serveParent } from '../child-process';

interface Recorded {
  status: number;
  contentType: string;
  body: Buffer;
}

const counts = { requests: 0, misses: 0 };

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const secret = process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET;
const extraJwk = process.env.BENCH_EXTRA_JWK ? (JSON.parse(process.env.BENCH_EXTRA_JWK) as object) : undefined;

async function forward(target: string, request: IncomingMessage, body: Buffer): Promise<Recorded> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string' && !['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding'].includes(name)) headers[name] = value;
  }
  if (request.method === 'POST' && !headers[SIGNATURE_HEADER]) Object.assign(headers, signSubgraphRequest(secret, ANONYMOUS, body.toString('utf8')));
  const response = await fetch(new URL(request.url ?? '/', target), {
    method: request.method,
    headers,
    body: request.method === 'GET' ? undefined : new Uint8Array(body),
  });
  const answer = {
    status: response.status,
    contentType: response.headers.get('content-type') ?? 'application/json',
    body: Buffer.from(await response.arrayBuffer()),
  };
  if (request.method !== 'GET' || request.url !== JWKS_PATH || !extraJwk || response.status !== 200) return answer;
  const jwks = JSON.parse(answer.body.toString('utf8')) as { keys: object[] };
  return { ...answer, body: Buffer.from(JSON.stringify({ keys: [...jwks.keys, extraJwk] })) };
}

async function serve(realUrl: string): Promise<string> {
  const recorded = new Map<string, Recorded>();
  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      counts.requests += 1;
      const key = `${request.method} ${request.url} ${body.toString('utf8')}`;
      let answer = recorded.get(key);
      if (!answer) {
        counts.misses += 1;
        answer = await forward(realUrl, request, body);
        // Only good answers are kept: a refused or failed one is asked again next time.
        if (answer.status === 200) recorded.set(key, answer);
      }
      response.writeHead(answer.status, { 'content-type': answer.contentType, 'content-length': answer.body.length });
      response.end(answer.body);
    })().catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

async function main(): Promise<void> {
  const realUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS!) as Record<string, string>;
  const memoryUrls: Record<string, string> = {};
  for (const [name, url] of Object.entries(realUrls)) memoryUrls[name] = await serve(url);
  serveParent({ subgraphUrls: memoryUrls }, { stats: () => ({ stats: { ...counts } }) });
}

runChild(main);
