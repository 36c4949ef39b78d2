// Child process of run.ts: one gateway under test, alone in its process so its CPU time and memory
// can be read from /proc. BENCH_GATEWAY picks which; BENCH_SUBGRAPH_URLS (JSON) says where the
// subgraphs are. Tells the parent its URL, stops on { type: 'stop' }.
import { readFileSync, writeFileSync } from 'node:fs';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { findSourceMap, type SourceMapping } from 'node:module';
import { Session } from 'node:inspector/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ANONYMOUS, DEVELOPMENT_GATEWAY_SECRET, signSubgraphRequest } from '@shopgraph/auth';
import { createSharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import { startGateway, type GatewayRuntimeOptions } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { runChild, serveParent } from '../child-process';
import { startEngineAlone } from './engine-alone';
import { startGrafbase } from './grafbase';
import { importPeer } from './peers';
import type { GatewayKind } from './report';
import { supergraphFor } from './supergraph';

interface HeapProfileNode {
  callFrame: { url: string; lineNumber: number; columnNumber: number };
  children: HeapProfileNode[];
}

/**
 * A heap profile's call frames at their TypeScript lines: V8 reports positions in what tsx
 * compiled, where every frame of a file sits on line 2. Frames without a source map stay as they are.
 */
function atSourcePositions(node: HeapProfileNode): void {
  const { url, lineNumber, columnNumber } = node.callFrame;
  const entry = url ? (findSourceMap(url)?.findEntry(lineNumber, columnNumber) as Partial<SourceMapping> | undefined) : undefined;
  if (entry?.originalLine !== undefined && entry.originalColumn !== undefined) {
    node.callFrame.lineNumber = entry.originalLine;
    node.callFrame.columnNumber = entry.originalColumn;
  }
  node.children.forEach(atSourcePositions);
}

interface Running {
  url: string;
  /** The process serving, when it is not this one (Grafbase's binary): its CPU and memory are measured. */
  pid?: number;
  stop(): Promise<void>;
}

const UNLIMITED_BUDGET = { points: Number.MAX_SAFE_INTEGER, windowSeconds: 60 };

const secret = process.env.GATEWAY_SHARED_SECRET ?? DEVELOPMENT_GATEWAY_SECRET;

/** Signs as our gateway does for an anonymous viewer: the viewer header and an HMAC over it and the exact body. */
function signedHeaders(headers: Record<string, string>, body: string): Record<string, string> {
  return { ...headers, ...signSubgraphRequest(secret, ANONYMOUS, body) };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)));
}

async function startOurs(subgraphUrls: Record<string, string>, engine: Pick<GatewayRuntimeOptions, 'engine' | 'queryPlanner'>): Promise<Running> {
  const shared = createSharedState(undefined);
  const gateway = await startGateway({
    port: 0,
    supergraphPath: (await import('@shopgraph/gateway')).DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrls as Partial<Record<ServiceName, string>>,
    logger: createLogger('bench-gateway', 'error'),
    production: true,
    gatewaySecret: secret,
    shared,
    // The load generator is one client IP sending thousands of operations a second: with the
    // production budget (50 000 points a minute) it is refused within seconds. Costs are still
    // measured and charged on every request; only the ceiling is out of reach.
    costBudgets: { perIp: UNLIMITED_BUDGET, perViewer: UNLIMITED_BUDGET },
    ...engine,
  });
  return { url: gateway.url, stop: async () => (await gateway.stop(), await shared.close()) };
}

/** Stock Apollo: ApolloServer + ApolloGateway over a supergraphSdl, RemoteGraphQLDataSource with a signing fetcher. */
async function startApollo(subgraphUrls: Record<string, string>): Promise<Running> {
  const signingFetch: Fetcher = (url, init) => {
    const body = typeof init?.body === 'string' ? init.body : '';
    return fetch(url, { ...init, headers: signedHeaders({ ...(init?.headers as Record<string, string>) }, body) } as RequestInit) as never;
  };
  class ForwardingDataSource extends RemoteGraphQLDataSource<{ authorization?: string }> {
    override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ authorization?: string }>): void {
      if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    }
  }
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphFor(subgraphUrls),
    buildService: ({ url }) => new ForwardingDataSource({ url, fetcher: signingFetch }),
  });
  const server = new ApolloServer<{ authorization?: string }>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url: new URL('/graphql', url).href, stop: () => server.stop() };
}

/** The part of Hive Gateway's Node API used here. */
interface HiveGatewayModule {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean;
    unifiedGraphHandler?: unknown;
    propagateHeaders: { fromClientToSubgraphs(payload: { request: Request }): Record<string, string | null> };
    plugins(): {
      onFetch(payload: { options: { body?: unknown; headers?: unknown }; setOptions(options: object): void }): void;
    }[];
  }): ((request: IncomingMessage, response: ServerResponse) => void) & { dispose(): Promise<void> };
}

/**
 * Hive Gateway's Node API over the same supergraph; signs in an onFetch plugin, forwards
 * Authorization. `rustPlanner`: with @graphql-hive/router-runtime's `unifiedGraphHandler`, Hive
 * Router's query planner (a native addon) and its executor instead of the stitching runtime.
 */
async function startHive(subgraphUrls: Record<string, string>, rustPlanner: boolean): Promise<Running> {
  const { createGatewayRuntime } = await importPeer<HiveGatewayModule>('@graphql-hive/gateway');
  const routerRuntime = rustPlanner ? await importPeer<{ unifiedGraphHandler: unknown }>('@graphql-hive/router-runtime') : undefined;
  const gateway = createGatewayRuntime({
    supergraph: supergraphFor(subgraphUrls),
    logging: false,
    ...(routerRuntime ? { unifiedGraphHandler: routerRuntime.unifiedGraphHandler } : {}),
    propagateHeaders: { fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }) },
    plugins: () => [
      {
        onFetch({ options, setOptions }) {
          const body = typeof options.body === 'string' ? options.body : '';
          setOptions({ ...options, headers: signedHeaders({ ...(options.headers as Record<string, string>) }, body) });
        },
      },
    ],
  });
  const server = createServer(gateway);
  const url = await listen(server);
  return { url, stop: async () => (await new Promise((resolve) => server.close(resolve)), await gateway.dispose()) };
}

/** The ceiling: node:http answering each request with the bytes a gateway answered it with, looked up by operation and variables. */
async function startCeiling(): Promise<Running> {
  const answers = new Map(Object.entries(JSON.parse(readFileSync(process.env.BENCH_CEILING_ANSWERS!, 'utf8')) as Record<string, string>));
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operationName?: string; variables?: unknown };
      const answer = answers.get(`${operationName}:${JSON.stringify(variables ?? {})}`);
      response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
      response.end(answer ?? '{"errors":[{"message":"no recorded answer"}]}');
    });
  });
  server.keepAliveTimeout = 65_000;
  const url = await listen(server);
  return { url, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const kind = process.env.BENCH_GATEWAY as GatewayKind;
  const subgraphUrls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? '{}') as Record<string, string>;
  const starters: Record<GatewayKind, () => Promise<Running>> = {
    ours: () => startOurs(subgraphUrls, { engine: 'shopgraph', queryPlanner: 'apollo' }),
    'ours-hive': () => startOurs(subgraphUrls, { engine: 'shopgraph', queryPlanner: 'hive' }),
    'ours-apollo-engine': () => startOurs(subgraphUrls, { engine: 'apollo' }),
    apollo: () => startApollo(subgraphUrls),
    hive: () => startHive(subgraphUrls, false),
    'hive-rust': () => startHive(subgraphUrls, true),
    grafbase: () => startGrafbase(subgraphUrls),
    ceiling: startCeiling,
    'engine-alone': () => startEngineAlone(subgraphUrls, secret),
  };
  const running = await starters[kind]();
  let profiler: Session | undefined;
  let heap = false;
  // Responses node:http finished while profiling, for bytes per request (ours and the JavaScript gateways serve on it).
  let responses = 0;
  const countResponse = () => {
    responses += 1;
  };
  serveParent(
    { url: running.url, pid: running.pid ?? process.pid },
    {
      // The same V8 sampling profiler as `node --cpu-prof`, started and stopped around the timed
      // window only, so start-up, module loading and warm-up stay out of the profile. With
      // `kind: 'heap'`, V8's sampling heap profiler instead, counting collected objects too: every
      // allocation made in the window, not only what outlived it.
      'profile-start': async (payload) => {
        profiler = new Session();
        profiler.connect();
        heap = payload.kind === 'heap';
        responses = 0;
        subscribe('http.server.response.finish', countResponse);
        if (heap) {
          await profiler.post('HeapProfiler.enable');
          await profiler.post('HeapProfiler.startSampling', {
            samplingInterval: 16_384,
            includeObjectsCollectedByMajorGC: true,
            includeObjectsCollectedByMinorGC: true,
          });
          return {};
        }
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.setSamplingInterval', { interval: 1000 });
        await profiler.post('Profiler.start');
        return {};
      },
      'profile-stop': async (payload) => {
        if (!profiler) return {};
        const { profile } = heap ? await profiler.post('HeapProfiler.stopSampling') : await profiler.post('Profiler.stop');
        unsubscribe('http.server.response.finish', countResponse);
        profiler.disconnect();
        if (heap) atSourcePositions((profile as unknown as { head: HeapProfileNode }).head);
        writeFileSync(String(payload.path), JSON.stringify(profile));
        return { responses };
      },
    },
    () => running.stop(),
  );
}

runChild(main);
