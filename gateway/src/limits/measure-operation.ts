import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import type { CostModel } from './cost-model';

type LargestPage = { coordinate: string; argument: string; value: number };

export interface OperationMeasures {
  /** Deepest field nesting; root fields are at depth 1. */
  depth: number;
  /** Aliased fields, fragments counted once per use. */
  aliases: number;
  rootFields: number;
  /** Fields once fragments are expanded, `__typename` included. */
  fields: number;
  /** Estimated cost: see docs/security.md for the model. */
  cost: number;
  /** Estimated values in the response: every field, scalars and `__typename` included, times the lists it is in. */
  responseFields: number;
  /** The largest slicing argument (`first`, `last`) given anywhere, with where. */
  largestPage?: LargestPage;
}

export interface MeasureOptions {
  model: CostModel;
  /** List length assumed when neither a slicing argument nor `@listSize(assumedSize)` tells. */
  defaultListSize: number;
}

/** What one selection set adds up to, for one instance of its parent: a fragment's is kept and reused. */
interface SelectionMeasure {
  cost: number;
  fields: number;
  aliases: number;
  /** Fields at this level itself (through fragments too): the root fields, at the root. */
  levelFields: number;
  /** Nesting below the parent: 1 for a set of leaves. */
  depth: number;
  responseFields: number;
  largestPage?: LargestPage;
}

/** How the connection whose selection this is sizes its `edges`/`nodes`. */
interface Sized {
  names: readonly string[];
  multiplier: number;
}

const DEFAULT_SLICING = ['first', 'last'];
const DEFAULT_SIZED_FIELDS = ['edges', 'nodes'];
const MUTATION_WEIGHT = 10;

const larger = (a: LargestPage | undefined, b: LargestPage | undefined) => (!a || (b && b.value > a.value) ? b : a);

function add(total: SelectionMeasure, part: SelectionMeasure): void {
  total.cost += part.cost;
  total.fields += part.fields;
  total.aliases += part.aliases;
  total.levelFields += part.levelFields;
  total.depth = Math.max(total.depth, part.depth);
  total.responseFields += part.responseFields;
  total.largestPage = larger(total.largestPage, part.largestPage);
}

const empty = (): SelectionMeasure => ({ cost: 0, fields: 0, aliases: 0, levelFields: 0, depth: 0, responseFields: 0 });

/**
 * The operation's variables as execution will see them: the request's, coerced, and each missing
 * one's default from the operation, so `$n: Int = 100` sizes a list exactly like a literal 100.
 * Variables that do not coerce fail the request before anything is fetched; they size nothing here.
 */
function variableValuesOf(schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Record<string, unknown>): Record<string, unknown> {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs, { maxErrors: 1 });
  return coerced.coerced ?? inputs;
}

/** The field a selection names, the meta fields included (they are not in `getFields()`). */
function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType() && name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
  if (parent === schema.getQueryType() && name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

const isIntrospection = (field: GraphQLField<unknown, unknown>) => field === SchemaMetaFieldDef || field === TypeMetaFieldDef;

/**
 * Measures an operation the way demand control does, following fragments, before any planning.
 *
 * Every field counts, `__typename` and fields reached through fragments included. Each named
 * fragment is measured once per way it is used (the connection sizing it, inside introspection or
 * not) and its measure reused for every spread, so a "billion laughs" of nested spreads is measured
 * exactly in time linear in the document, never by expanding it.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  inputs: Record<string, unknown>,
  options: MeasureOptions,
): OperationMeasures {
  const { model } = options;
  const mutationType = schema.getMutationType();
  const variables = variableValuesOf(schema, operation, inputs);
  const fragmentMeasures = new Map<string, SelectionMeasure>();

  const measureField = (
    parent: GraphQLCompositeType,
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    inherited: number | undefined,
    introspection: boolean,
  ): SelectionMeasure => {
    const coordinate = `${parent.name}.${field.name}`;
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, node, variables);
    } catch {
      // Bad arguments fail validation or coercion later; they size nothing here.
    }
    const listSize = model.listSizes.get(coordinate);
    let sliced: number | undefined;
    let largestPage: LargestPage | undefined;
    for (const name of listSize?.slicingArguments ?? DEFAULT_SLICING) {
      const value = args[name];
      if (typeof value !== 'number') continue;
      sliced = Math.max(sliced ?? 0, value);
      largestPage = larger(largestPage, { coordinate, argument: name, value });
    }
    const named = getNamedType(field.type);
    const isList = isListType(getNullableType(field.type));
    // The gateway answers introspection from its own schema: no subgraph work, and graphql-js's
    // rule bounds its depth; its fields still count, so a fragment bomb inside it is refused too.
    const inner = introspection || isIntrospection(field);
    const weight = inner
      ? 0
      : (model.weights.get(coordinate) ?? model.weights.get(named.name) ?? (parent === mutationType ? MUTATION_WEIGHT : isCompositeType(named) ? 1 : 0));
    const multiplier = inner ? 1 : (sliced ?? listSize?.assumedSize ?? inherited ?? options.defaultListSize);
    // A sliced field that returns one object (a connection) sizes its `edges`/`nodes` instead.
    const sized = sliced !== undefined && !isList ? { names: listSize?.sizedFields ?? DEFAULT_SIZED_FIELDS, multiplier: sliced } : undefined;
    const children = node.selectionSet && isCompositeType(named) ? measureSelections(node.selectionSet, named, sized, inner) : empty();
    const times = isList ? multiplier : 1;
    return {
      cost: times * (weight + children.cost),
      fields: 1 + children.fields,
      aliases: (node.alias ? 1 : 0) + children.aliases,
      levelFields: 1,
      depth: 1 + (inner ? 0 : children.depth),
      responseFields: times * (1 + children.responseFields),
      largestPage: larger(largestPage, children.largestPage),
    };
  };

  const measureSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    sized: Sized | undefined,
    introspection: boolean,
  ): SelectionMeasure => {
    const total = empty();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = fieldOf(schema, parent, selection.name.value);
        // Validation refuses unknown fields; one here still counts as a field.
        if (!field) {
          add(total, { ...empty(), fields: 1, levelFields: 1, depth: 1, responseFields: 1 });
          continue;
        }
        // Sizes reach a connection's `edges`/`nodes` only, however they are spread into it.
        const inherited = sized?.names.includes(field.name) ? sized.multiplier : undefined;
        add(total, measureField(parent, field, selection, inherited, introspection));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) add(total, measureSelections(selection.selectionSet, type, sized, introspection));
      } else {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type)) continue;
        const key = `${fragment.name.value}|${sized ? `${sized.multiplier}:${sized.names.join(',')}` : ''}|${introspection}`;
        let measure = fragmentMeasures.get(key);
        if (!measure) fragmentMeasures.set(key, (measure = measureSelections(fragment.selectionSet, type, sized, introspection)));
        add(total, measure);
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  const measure = root ? measureSelections(operation.selectionSet, root, undefined, false) : empty();
  return {
    depth: measure.depth,
    aliases: measure.aliases,
    rootFields: measure.levelFields,
    fields: measure.fields,
    cost: measure.cost,
    responseFields: measure.responseFields,
    ...(measure.largestPage ? { largestPage: measure.largestPage } : {}),
  };
}
