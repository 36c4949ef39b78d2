import type { GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { LRUCache } from 'lru-cache';
import {
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { GatewayContext } from '../context';
import { ResultQueue } from '../subscriptions/result-queue';
import { createApolloQueryPlanner } from '../planner/apollo-query-planner';
import type { OperationPlanner } from '../planner/query-planner';
import { executeNode, type PlanRun } from './execute-plan';
import type { JsonObject } from './entities';
import { conditionKey, conditionVariables, fragmentsOf, ResponseWriter, ShapeCompiler, type ShapeSelection } from './response-shape';
import { TypeRelations } from './type-relations';

/** Subscription operations whose plan and shape are kept, per supergraph. */
const COMPILED_SUBSCRIPTIONS = 1_000;

interface CompiledSubscription {
  primary: FetchNode;
  rest: PlanNode | undefined;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  conditions: string[];
  shapes: Map<string, ShapeSelection>;
}

interface Supergraph {
  apiSchema: GraphQLSchema;
  planner: OperationPlanner;
  relations: TypeRelations;
  compiled: LRUCache<string, CompiledSubscription>;
}

/** Opens the primary fetch of a subscription at its subgraph; `upstream-subscriptions.ts` does it over graphql-ws. */
export type OpenUpstream = (
  serviceName: string,
  request: { query: string; variables: Record<string, unknown> },
  context: GatewayContext,
) => AsyncIterableIterator<ExecutionResult>;

export interface SubscriptionRequest {
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  context: GatewayContext;
}

export interface SubscriptionExecutorOptions {
  dataSource(serviceName: string): GraphQLDataSource | undefined;
  openUpstream: OpenUpstream;
  /**
   * The errors of the fields the viewer may not see (@authenticated, @requiresScopes), as the
   * authorization plugin finds them for queries; a subscription with any is refused before it opens.
   */
  refusals(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: Record<string, FragmentDefinitionNode>,
    context: GatewayContext,
  ): GraphQLError[];
}

/**
 * Runs Subscription operations like any other plan, knowing no subgraph's types: the plan's
 * primary fetch is opened at the owning subgraph as a subscription, and each event it sends is the
 * root data that the plan's `rest` (fields from other subgraphs) runs on through the same plan
 * execution as queries, before the response is written from the client's selection.
 *
 * Subscriptions are planned by @apollo/query-planner whatever GATEWAY_QUERY_PLANNER says: Hive's
 * planner nests its Subscription node inside a Sequence, which Apollo's plans (what the engine
 * runs) cannot express, and a subscription is planned once per operation, not per event.
 */
export class SubscriptionExecutor {
  private supergraph: Supergraph | undefined;

  constructor(private readonly options: SubscriptionExecutorOptions) {}

  /** A new supergraph: new planner, every compiled subscription dropped (open ones keep theirs). */
  update(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.supergraph = {
      apiSchema,
      planner: createApolloQueryPlanner(supergraphSdl),
      relations: TypeRelations.ofSupergraph(supergraphSdl),
      compiled: new LRUCache({ max: COMPILED_SUBSCRIPTIONS }),
    };
  }

  /** The client's results, one per event of the upstream subscription; or the errors that refused it. */
  subscribe(request: SubscriptionRequest): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
    const supergraph = this.supergraph;
    if (!supergraph) return { errors: [new GraphQLError('The gateway has not loaded its schema yet', { extensions: { code: 'SERVICE_UNAVAILABLE' } })] };
    const compiled = this.compiledFor(supergraph, request);
    const refused = this.options.refusals(supergraph.apiSchema, compiled.operation, compiled.fragments, request.context);
    if (refused.length > 0) return { errors: refused };
    const variables: Record<string, unknown> = {};
    for (const name of compiled.primary.variableUsages ?? []) if (request.variables[name] !== undefined) variables[name] = request.variables[name];
    const upstream = this.options.openUpstream(compiled.primary.serviceName, { query: compiled.primary.operation, variables }, request.context);
    const requestContext = this.requestContextFor(supergraph, compiled, request);
    const shape = this.shapeFor(supergraph, compiled, request.variables);
    const results = new ResultQueue<ExecutionResult>(() => void upstream.return?.());
    void (async () => {
      try {
        // One event at a time, so results reach the client in the order the subgraph sent them.
        for await (const result of upstream) results.push(await this.completeEvent(supergraph, compiled, shape, requestContext, request.variables, result));
        results.end();
      } catch (error) {
        results.end(error);
      }
    })();
    return results;
  }

  /** One upstream event: `rest` run with the event as root data, then the response written in the client's shape. */
  private async completeEvent(
    supergraph: Supergraph,
    compiled: CompiledSubscription,
    shape: ShapeSelection,
    requestContext: GatewayGraphQLRequestContext,
    variables: Record<string, unknown>,
    result: ExecutionResult,
  ): Promise<ExecutionResult> {
    const upstreamErrors = (result.errors ?? []).map((error) => asClientError(error as GraphQLFormattedError));
    if (!result.data) return { errors: upstreamErrors };
    const run: PlanRun = {
      requestContext,
      variables,
      data: result.data as JsonObject,
      errors: [],
      relations: supergraph.relations,
      dataSource: this.options.dataSource,
    };
    if (compiled.rest) await executeNode(run, compiled.rest, []);
    const writer = new ResponseWriter(supergraph.apiSchema);
    const data = writer.root(run.data, shape);
    const errors = [...upstreamErrors, ...(run.errors.length > 0 ? run.errors : writer.errors)];
    return errors.length > 0 ? { data, errors } : { data };
  }

  private compiledFor(supergraph: Supergraph, request: SubscriptionRequest): CompiledSubscription {
    const key = `${print(request.document)}\u0000${request.operationName ?? ''}`;
    let compiled = supergraph.compiled.get(key);
    if (!compiled) {
      const plan: QueryPlan = supergraph.planner.plan({ document: request.document, operationName: request.operationName ?? undefined });
      if (plan.node?.kind !== 'Subscription') throw new GraphQLError('Not a subscription operation', { extensions: { code: 'BAD_USER_INPUT' } });
      const fragments = fragmentsOf(request.document);
      const operation = request.document.definitions.find(
        (definition): definition is OperationDefinitionNode =>
          definition.kind === Kind.OPERATION_DEFINITION && (!request.operationName || definition.name?.value === request.operationName),
      )!;
      compiled = {
        primary: plan.node.primary,
        rest: plan.node.rest,
        operation,
        fragments,
        conditions: conditionVariables([operation.selectionSet], fragments),
        shapes: new Map(),
      };
      supergraph.compiled.set(key, compiled);
    }
    return compiled;
  }

  private shapeFor(supergraph: Supergraph, compiled: CompiledSubscription, variables: Record<string, unknown>): ShapeSelection {
    const key = conditionKey(compiled.conditions, variables);
    let shape = compiled.shapes.get(key);
    if (!shape) {
      const rootType = supergraph.apiSchema.getSubscriptionType() as GraphQLObjectType;
      shape = new ShapeCompiler(supergraph.apiSchema, compiled.fragments, variables).selection(rootType, [compiled.operation.selectionSet]);
      shape.fieldsFor(rootType);
      compiled.shapes.set(key, shape);
    }
    return shape;
  }

  /** What the data sources read of a request: its operation (never shared: not a query) and the subscriber's context (signing). */
  private requestContextFor(supergraph: Supergraph, compiled: CompiledSubscription, request: SubscriptionRequest): GatewayGraphQLRequestContext {
    return {
      request: { variables: request.variables, operationName: request.operationName ?? undefined },
      context: request.context,
      logger: request.context.logger,
      schema: supergraph.apiSchema,
      document: request.document,
      operation: compiled.operation,
      operationName: request.operationName ?? null,
      metrics: {},
    } as unknown as GatewayGraphQLRequestContext;
  }
}

/** The owning subgraph's error on a root field, as the client sees it: its message, path and code. */
function asClientError(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: { ...error.extensions, code: error.extensions?.code ?? 'DOWNSTREAM_SERVICE_ERROR' } });
}
