import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import type { AccessRequirement, AccessRequirements } from './security-features';

export interface Refusal {
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  coordinate: string;
  /**
   * Response keys (aliases) from the root down to the field that goes: the refused field when it is
   * nullable, else its nearest nullable ancestor, which null propagates to as in GraphQL execution.
   */
  path: string[];
  node: FieldNode;
  /** False when no field on the way up is nullable: the whole response's data is null. */
  nullable: boolean;
}

/** The nearest field on the way up that may be null, which a refused non-null field below nulls. */
type Shield = { node: FieldNode; path: string[] } | undefined;

function verdict(viewer: Viewer, requirement: AccessRequirement): 'ok' | Refusal['code'] {
  if (requirement.authenticated && !viewer.id) return 'UNAUTHENTICATED';
  if (requirement.scopes.length > 0 && !requirement.scopes.some((group) => group.every((scope) => (viewer.roles as string[]).includes(scope))))
    return 'FORBIDDEN';
  return 'ok';
}

/**
 * Every field of the operation the viewer may not see, following fragments, with its response
 * path. A refused field's own selections are not looked into: the field goes as a whole.
 */
export function findRefusals(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  requirements: AccessRequirements,
  viewer: Viewer,
): Refusal[] {
  const refusals: Refusal[] = [];
  const coordinatesOf = (parent: GraphQLCompositeType, fieldName: string, returnType: string): string[] => {
    // On an abstract type, any possible type's requirement applies too.
    const owners = isAbstractType(parent) ? [parent, ...schema.getPossibleTypes(parent)] : [parent];
    return [...owners.map((owner) => `${owner.name}.${fieldName}`), returnType];
  };
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, path: string[], shield: Shield): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const named = getNamedType(field.type);
        const own: Shield = isNonNullType(field.type) ? shield : { node: selection, path: [...path, key] };
        let refused: Refusal | undefined;
        for (const coordinate of coordinatesOf(parent, field.name, named.name)) {
          const requirement = requirements.get(coordinate);
          const result = requirement ? verdict(viewer, requirement) : 'ok';
          if (result !== 'ok') {
            refused = own
              ? { code: result, coordinate, ...own, nullable: true }
              : { code: result, coordinate, path: [...path, key], node: selection, nullable: false };
            break;
          }
        }
        if (refused) refusals.push(refused);
        else if (selection.selectionSet && isCompositeType(named)) walk(selection.selectionSet, named, [...path, key], own);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, path, shield);
      } else {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) walk(fragment.selectionSet, type, path, shield);
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root, [], undefined);
  // Several refused fields under one nullable ancestor null it once, with one error.
  return refusals.filter((refusal, index) => refusals.findIndex((other) => other.node === refusal.node) === index);
}
