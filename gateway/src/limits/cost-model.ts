import { Kind, parse, type ConstDirectiveNode, type ConstValueNode } from 'graphql';

/** `@listSize` of the demand-control spec, as Federation 2.9 composes it into the supergraph. */
export interface ListSize {
  /** Used when no slicing argument is given. */
  assumedSize?: number;
  /** Arguments whose value is the list's length (default: `first`, `last`). */
  slicingArguments?: string[];
  /** On a connection, the child fields the slicing argument sizes (default: `edges`, `nodes`). */
  sizedFields?: string[];
}

/** Weights and list sizes by schema coordinate (`Type` or `Type.field`). */
export interface CostModel {
  weights: Map<string, number>;
  listSizes: Map<string, ListSize>;
}

/** Config-map form of the same, for fields whose subgraph has not annotated them yet. */
export interface CostOverrides {
  weights?: Record<string, number>;
  listSizes?: Record<string, ListSize>;
}

// `@cost` and `@listSize` as composed: `@listSize` keeps the `cost__` prefix when not imported.
const COST = new Set(['cost', 'cost__cost']);
const LIST_SIZE = new Set(['listSize', 'cost__listSize']);

function argument(directive: ConstDirectiveNode, name: string): ConstValueNode | undefined {
  return directive.arguments?.find((arg) => arg.name.value === name)?.value;
}

const intOf = (value: ConstValueNode | undefined) => (value?.kind === Kind.INT ? Number(value.value) : undefined);
const stringsOf = (value: ConstValueNode | undefined) =>
  value?.kind === Kind.LIST ? value.values.flatMap((item) => (item.kind === Kind.STRING ? [item.value] : [])) : undefined;

function readDirectives(model: CostModel, coordinate: string, directives: readonly ConstDirectiveNode[] | undefined): void {
  for (const directive of directives ?? []) {
    if (COST.has(directive.name.value)) {
      const weight = intOf(argument(directive, 'weight'));
      if (weight !== undefined) model.weights.set(coordinate, weight);
    } else if (LIST_SIZE.has(directive.name.value)) {
      const listSize: ListSize = {};
      const assumedSize = intOf(argument(directive, 'assumedSize'));
      const slicingArguments = stringsOf(argument(directive, 'slicingArguments'));
      const sizedFields = stringsOf(argument(directive, 'sizedFields'));
      if (assumedSize !== undefined) listSize.assumedSize = assumedSize;
      if (slicingArguments) listSize.slicingArguments = slicingArguments;
      if (sizedFields) listSize.sizedFields = sizedFields;
      model.listSizes.set(coordinate, listSize);
    }
  }
}

/**
 * Reads `@cost` and `@listSize` from the supergraph (composition keeps both; see docs/security.md);
 * the overrides fill in coordinates the schema leaves unannotated.
 */
export function readCostModel(supergraphSdl: string, overrides: CostOverrides = {}): CostModel {
  const model: CostModel = {
    weights: new Map(Object.entries(overrides.weights ?? {})),
    listSizes: new Map(Object.entries(overrides.listSizes ?? {})),
  };
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    readDirectives(model, typeName, definition.directives as readonly ConstDirectiveNode[] | undefined);
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) readDirectives(model, `${typeName}.${field.name.value}`, field.directives);
    }
  }
  return model;
}
