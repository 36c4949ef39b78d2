import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import type { GraphQLDataSource } from '@apollo/gateway';
import { LRUCache } from 'lru-cache';
import {
  execute,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { createQueryPlanner, type OperationPlanner, type QueryPlannerKind } from '../planner/query-planner';
import { executeNode, type PlanRun } from './execute-plan';
import { conditionKey, conditionVariables, fragmentsOf, ResponseWriter, ShapeCompiler, type ShapeSelection } from './response-shape';
import { TypeRelations } from './type-relations';

/** Operations whose plan and shape are kept compiled, per supergraph. */
const COMPILED_OPERATIONS = 2_000;

interface CompiledShape {
  root: ShapeSelection;
  introspection: DocumentNode | undefined;
}

/** One operation, compiled once: its plan, and its response shape per value of its @skip/@include variables. */
interface CompiledOperation {
  plan: QueryPlan;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  conditions: string[];
  shapes: Map<string, CompiledShape>;
}

/** What the executor runs on for one supergraph: rebuilt whole when the supergraph changes. */
interface Supergraph {
  apiSchema: GraphQLSchema;
  planner: OperationPlanner;
  relations: TypeRelations;
  compiled: LRUCache<string, CompiledOperation>;
}

export interface PlanExecutorOptions {
  planner: QueryPlannerKind;
  dataSource(serviceName: string): GraphQLDataSource | undefined;
  /** Told each plan before it runs (sibling-fetch merging reads it). */
  onPlan?(plan: QueryPlan, requestContext: GatewayGraphQLRequestContext): void;
}

/**
 * Shopgraph's engine: plans with either planner, runs the plan's fetches through the gateway's
 * data sources, and writes the response from a shape compiled once per operation.
 */
export class PlanExecutor {
  private supergraph: Supergraph | undefined;

  constructor(private readonly options: PlanExecutorOptions) {}

  /** A new supergraph (first load or hot reload): new planner, and every compiled operation dropped. */
  update(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.supergraph = {
      apiSchema,
      planner: createQueryPlanner(this.options.planner, supergraphSdl),
      relations: TypeRelations.ofSupergraph(supergraphSdl),
      compiled: new LRUCache({ max: COMPILED_OPERATIONS }),
    };
  }

  readonly execute = async (requestContext: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const supergraph = this.supergraph;
    if (!supergraph) throw new Error('No supergraph is loaded yet');
    const { request, operation } = requestContext;
    const coerced = getVariableValues(supergraph.apiSchema, operation.variableDefinitions ?? [], request.variables ?? {});
    if (coerced.errors) return { errors: coerced.errors };
    const compiled = this.compiledFor(supergraph, requestContext);
    if (compiled.plan.node?.kind === 'Subscription') throw new Error('Execution of subscriptions not supported by gateway');
    this.options.onPlan?.(compiled.plan, requestContext);

    const run: PlanRun = {
      requestContext,
      variables: { ...coerced.coerced, ...request.variables },
      data: {},
      errors: [],
      relations: supergraph.relations,
      dataSource: this.options.dataSource,
    };
    if (compiled.plan.node) await executeNode(run, compiled.plan.node, []);
    const shape = this.shapeFor(supergraph, compiled, coerced.coerced);
    if (shape.introspection) introspect(run, supergraph.apiSchema, shape.introspection, coerced.coerced);
    const writer = new ResponseWriter(supergraph.apiSchema);
    const data = writer.root(run.data, shape.root);
    // A fetch's own error explains the nulls it left; completion errors are reported when there is none.
    const errors = run.errors.length > 0 ? run.errors : writer.errors;
    return errors.length > 0 ? { data, errors } : { data };
  };

  private compiledFor(supergraph: Supergraph, requestContext: GatewayGraphQLRequestContext): CompiledOperation {
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ''}`;
    let compiled = supergraph.compiled.get(key);
    if (!compiled) {
      const { document, operation } = requestContext;
      const fragments = fragmentsOf(document);
      const plan = supergraph.planner.plan({ document, operationName: requestContext.operationName ?? undefined });
      compiled = { plan, operation, fragments, conditions: conditionVariables([operation.selectionSet], fragments), shapes: new Map() };
      supergraph.compiled.set(key, compiled);
    }
    return compiled;
  }

  private shapeFor(supergraph: Supergraph, compiled: CompiledOperation, variables: Record<string, unknown>): CompiledShape {
    const key = conditionKey(compiled.conditions, variables);
    let shape = compiled.shapes.get(key);
    if (!shape) {
      const compiler = new ShapeCompiler(supergraph.apiSchema, compiled.fragments, variables);
      const rootType = supergraph.apiSchema.getRootType(compiled.operation.operation) as GraphQLCompositeType;
      const root = compiler.selection(rootType, [compiled.operation.selectionSet]);
      root.fieldsFor(rootType);
      const introspection: DocumentNode | undefined = compiler.introspection.length
        ? {
            kind: Kind.DOCUMENT,
            definitions: [
              { ...compiled.operation, selectionSet: { kind: Kind.SELECTION_SET, selections: compiler.introspection } },
              ...Object.values(compiled.fragments),
            ],
          }
        : undefined;
      shape = { root, introspection };
      compiled.shapes.set(key, shape);
    }
    return shape;
  }
}

/** `__schema` and `__type` at the root, answered by graphql-js over the API schema, as stock does. */
function introspect(run: PlanRun, schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): void {
  const result = execute({ schema, document, variableValues: variables }) as { data?: Record<string, unknown> | null; errors?: readonly GraphQLError[] };
  Object.assign(run.data, result.data);
  if (result.errors) run.errors.push(...result.errors);
}
