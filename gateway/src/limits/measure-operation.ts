import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { CostModel } from './cost-model';

export interface OperationMeasures {
  /** Deepest field nesting; root fields are at depth 1. */
  depth: number;
  /** Aliased fields, fragments counted once per use. */
  aliases: number;
  rootFields: number;
  /** Fields once fragments are expanded. */
  fields: number;
  /** Estimated cost: see docs/security.md for the model. */
  cost: number;
  /** The largest slicing argument (`first`, `last`) given anywhere, with where. */
  largestPage?: { coordinate: string; argument: string; value: number };
}

export interface MeasureOptions {
  model: CostModel;
  /** List length assumed when neither a slicing argument nor `@listSize(assumedSize)` tells. */
  defaultListSize: number;
  /** Walking stops past this many fields, so a fragment bomb costs the gateway little. */
  maxFields: number;
}

const DEFAULT_SLICING = ['first', 'last'];
const DEFAULT_SIZED_FIELDS = ['edges', 'nodes'];
const MUTATION_WEIGHT = 10;

/** Measures an operation the way demand control does, following fragments, before any planning. */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  options: MeasureOptions,
): OperationMeasures {
  const measures: OperationMeasures = { depth: 0, aliases: 0, rootFields: 0, fields: 0, cost: 0 };
  const { model } = options;
  const mutationType = schema.getMutationType();

  const fieldCost = (parent: GraphQLCompositeType, field: GraphQLField<unknown, unknown>, node: import('graphql').FieldNode, depth: number, inherited: number | undefined): number => {
    const coordinate = `${parent.name}.${field.name}`;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      // Bad arguments fail validation or coercion later; they size nothing here.
    }
    const listSize = model.listSizes.get(coordinate);
    let sliced: number | undefined;
    for (const name of listSize?.slicingArguments ?? DEFAULT_SLICING) {
      const value = args[name];
      if (typeof value !== 'number') continue;
      sliced = Math.max(sliced ?? 0, value);
      if (!measures.largestPage || value > measures.largestPage.value) measures.largestPage = { coordinate, argument: name, value };
    }
    const multiplier = sliced ?? listSize?.assumedSize ?? inherited ?? options.defaultListSize;
    const named = getNamedType(field.type);
    const isList = isListType(getNullableType(field.type));
    const weight =
      model.weights.get(coordinate) ?? model.weights.get(named.name) ?? (parent === mutationType ? MUTATION_WEIGHT : isCompositeType(named) ? 1 : 0);
    // A sliced field that returns one object (a connection) sizes its `edges`/`nodes` instead.
    const sized = sliced !== undefined && !isList ? { names: listSize?.sizedFields ?? DEFAULT_SIZED_FIELDS, multiplier: sliced } : undefined;
    const children = node.selectionSet && isCompositeType(named) ? walk(node.selectionSet, named, depth + 1, sized) : 0;
    return isList ? multiplier * (weight + children) : weight + children;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, depth: number, sized?: { names: string[]; multiplier: number }): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (measures.fields > options.maxFields) return cost;
      if (selection.kind === Kind.FIELD) {
        // Introspection has graphql-js's own depth rule and is off in production.
        if (selection.name.value.startsWith('__')) continue;
        measures.fields += 1;
        if (selection.alias) measures.aliases += 1;
        if (depth === 1) measures.rootFields += 1;
        measures.depth = Math.max(measures.depth, depth);
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        const inherited = sized?.names.includes(field.name) ? sized.multiplier : undefined;
        cost += fieldCost(parent, field, selection, depth, inherited);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (!fragment) continue;
        const typeName = fragment.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        if (type && isCompositeType(type)) cost += walk(fragment.selectionSet, type, depth, sized);
      }
    }
    return cost;
  };

  const root = schema.getRootType(operation.operation);
  if (root) measures.cost = walk(operation.selectionSet, root, 1);
  return measures;
}
