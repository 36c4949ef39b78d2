// Our engine alone: the gateway's plan executor and everything under it (either planner, the
// signed, timed subgraph calls over the keep-alive fetcher, sibling-fetch merging, the response
// writer, shared identical anonymous executions) and the access-token verifier, behind a bare
// node:http handler. None of Apollo Server's request pipeline runs, and none of our plugins: no
// limits, cost budgets, rate limits, authorization, APQ, error masking or request metrics. So it
// is not a gateway anyone should run; it is a bound on what taking Apollo Server off the request
// path could give (issue 17), measured in the same run as the real gateway. Only what the
// workloads send is served: POST, JSON, an operation that is valid.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { getOperationAST, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { createSharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import { buildGateway, DEFAULT_SUPERGRAPH_PATH, sha256Hex } from '@shopgraph/gateway';
import { createLogger } from '@shopgraph/logging';
import { shareIdenticalExecutions } from '../../gateway/src/engine/shared-executions';
import { stringifyResult } from '../../gateway/src/engine/shared-response-text';

interface Prepared {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  queryHash: string;
}

/** A cache policy that keeps the hints it is given, as Apollo Server's does, and nothing else. */
function cachePolicy() {
  return {
    maxAge: undefined as number | undefined,
    scope: undefined as 'PUBLIC' | 'PRIVATE' | undefined,
    restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }) {
      if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
      if (hint.scope === 'PRIVATE') this.scope = 'PRIVATE';
    },
  };
}

export async function startEngineAlone(subgraphUrls: Record<string, string>, gatewaySecret: string): Promise<{ url: string; stop(): Promise<void> }> {
  const logger = createLogger('bench-engine-alone', 'error');
  const shared = createSharedState(undefined);
  const built = buildGateway({
    supergraphPath: DEFAULT_SUPERGRAPH_PATH,
    subgraphUrls: subgraphUrls as Partial<Record<ServiceName, string>>,
    logger,
    production: true,
    gatewaySecret,
    shared,
    engine: 'shopgraph',
    queryPlanner: 'hive',
  });
  // Starting Apollo Server loads the supergraph into the gateway and our engine; it then serves nothing.
  await built.apollo.start();
  const engine = built.planExecutor;
  if (!engine) throw new Error('our engine is not running queries');
  const execute = shareIdenticalExecutions(engine.execute);
  const prepared = new Map<string, Prepared>();
  const prepare = (query: string, operationName: string | undefined): Prepared => {
    let entry = prepared.get(query);
    if (!entry) {
      const document = parse(query);
      const errors = validate(built.apiSchema()!, document);
      if (errors.length > 0) throw errors[0];
      entry = { document, operation: getOperationAST(document, operationName)!, queryHash: sha256Hex(query) };
      prepared.set(query, entry);
    }
    return entry;
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; operationName?: string; variables?: Record<string, unknown> };
        const { document, operation, queryHash } = prepare(body.query, body.operationName);
        const viewer = await built.verifyAccessToken(request.headers.authorization);
        const requestId = randomUUID();
        const requestContext = {
          request: { query: body.query, operationName: body.operationName, variables: body.variables },
          document,
          operation,
          operationName: body.operationName ?? null,
          queryHash,
          overallCachePolicy: cachePolicy(),
          context: { requestId, logger, clientIp: request.socket.remoteAddress ?? '', traceHeaders: {}, viewer },
        } as unknown as GatewayGraphQLRequestContext;
        const text = Buffer.from(stringifyResult((await execute(requestContext)) as Record<string, unknown>));
        response.writeHead(200, { 'content-type': 'application/graphql-response+json; charset=utf-8', 'content-length': text.length });
        response.end(text);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await built.apollo.stop();
      built.closeSubgraphConnections();
      await shared.close();
    },
  };
}
