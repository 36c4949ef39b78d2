import type { GraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { FetchNode, PlanNode, ResponsePath } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError } from 'graphql';
import { applyRewrites, mergeInto, objectsAt, representationOf, type JsonObject } from './entities';
import { RepresentationIndex } from './representation-index';
import { downstreamError, fetchFailure } from './subgraph-errors';
import type { TypeRelations } from './type-relations';

/** One run of one plan: the response so far, the errors so far, and where to send fetches. */
export interface PlanRun {
  requestContext: GatewayGraphQLRequestContext;
  variables: Record<string, unknown>;
  data: JsonObject;
  errors: GraphQLError[];
  relations: TypeRelations;
  dataSource(serviceName: string): GraphQLDataSource | undefined;
}

/** Runs a plan node: sequences in order, parallel nodes at once, each fetch into its place in `data`. */
export async function executeNode(run: PlanRun, node: PlanNode, path: ResponsePath): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, child, path);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, path)));
      return;
    case 'Flatten':
      return executeNode(run, node.node, [...path, ...node.path]);
    case 'Fetch':
      try {
        await executeFetch(run, node, path);
      } catch (error) {
        run.errors.push(fetchFailure(error));
      }
      return;
    case 'Condition': {
      const branch = run.variables[node.condition] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(run, branch, path);
      return;
    }
    default:
      throw new GraphQLError(`A ${node.kind} plan node is not run by this gateway`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}

async function executeFetch(run: PlanRun, fetch: FetchNode, path: ResponsePath): Promise<void> {
  const targets = path.length === 0 ? [run.data] : objectsAt(run.data, path, run.relations);
  if (targets.length === 0) return;
  const variables: Record<string, unknown> = {};
  for (const name of fetch.variableUsages ?? []) if (run.variables[name] !== undefined) variables[name] = run.variables[name];

  if (!fetch.requires) {
    const answer = await send(run, fetch, variables, path, undefined);
    if (!answer) return;
    applyRewrites(answer, fetch.outputRewrites, run.relations);
    for (const target of targets) mergeInto(target, answer);
    return;
  }

  // One representation per distinct entity: the same product in ten lines is asked for once.
  const representations: JsonObject[] = [];
  const entitiesOf: JsonObject[][] = [];
  const distinct = new RepresentationIndex();
  for (const entity of targets) {
    const representation = representationOf(entity, fetch.requires, run.relations);
    if (!representation || typeof representation.__typename !== 'string') continue;
    applyRewrites(representation, fetch.inputRewrites, run.relations);
    const index = distinct.indexOf(representation, representations.length);
    if (index === representations.length) {
      representations.push(representation);
      entitiesOf.push([]);
    }
    entitiesOf[index]!.push(entity);
  }
  if (representations.length === 0) return;
  const answer = await send(run, fetch, { ...variables, representations }, path, entitiesOf);
  if (!answer) return;
  const entities = answer._entities;
  if (!Array.isArray(entities) || entities.length !== representations.length) {
    throw new GraphQLError(`Expected "data._entities" to hold ${representations.length} entities`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  entities.forEach((received: unknown, index) => {
    if (typeof received !== 'object' || received === null) return;
    const entity = received as JsonObject;
    applyRewrites(entity, fetch.outputRewrites, run.relations);
    for (const target of entitiesOf[index]!) {
      if (entity.__typename === undefined) entity.__typename = target.__typename;
      mergeInto(target, entity);
    }
  });
}

/** Sends one fetch through the subgraph's data source (signing, sharing, merging, timeouts: fetch/). */
async function send(
  run: PlanRun,
  fetch: FetchNode,
  variables: Record<string, unknown>,
  path: ResponsePath,
  entitiesOf: JsonObject[][] | undefined,
): Promise<JsonObject | undefined> {
  const dataSource = run.dataSource(fetch.serviceName);
  if (!dataSource) throw new Error(`No subgraph named "${fetch.serviceName}"`);
  const response = await dataSource.process({
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: fetch.operation, variables, operationName: fetch.operationName },
    incomingRequestContext: run.requestContext,
    context: run.requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: path as (string | number)[],
  } as Parameters<GraphQLDataSource['process']>[0]);
  if (response.errors?.length) {
    let entityPaths: (string | number)[][] | undefined;
    const pathOfEntity = (index: number) => {
      if (!entityPaths) {
        // The response path of each representation's first entity, found again in the same order.
        const all: (string | number)[][] = [];
        const objects = objectsAt(run.data, path, run.relations, all);
        entityPaths = entitiesOf!.map((entities) => all[objects.indexOf(entities[0]!)] ?? []);
      }
      return entityPaths[index];
    };
    for (const error of response.errors) run.errors.push(downstreamError(error, fetch.serviceName, path, entitiesOf ? pathOfEntity : undefined));
  }
  return (response.data ?? undefined) as JsonObject | undefined;
}
