import type { ApolloServerPlugin } from '@apollo/server';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import { getNamedType, GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import type { AccessRequirement, AccessRequirements } from './security-features';

function satisfies(viewer: Viewer, requirement: AccessRequirement): 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (requirement.authenticated && !viewer.id) return 'UNAUTHENTICATED';
  if (requirement.scopes.length > 0 && !requirement.scopes.some((group) => group.every((scope) => viewer.roles.includes(scope as Viewer['roles'][number])))) {
    return 'FORBIDDEN';
  }
  return 'ok';
}

interface Refusal {
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  coordinate: string;
  path: string[];
}

/** Every field of the operation the viewer may not see, with its response path. */
function refusals(operation: OperationDefinitionNode, typeInfo: TypeInfo, requirements: AccessRequirements, viewer: Viewer): Refusal[] {
  const found: Refusal[] = [];
  const path: string[] = [];
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          path.push(node.alias?.value ?? node.name.value);
          const parent = typeInfo.getParentType();
          const fieldType = typeInfo.getType();
          const coordinates = [parent ? `${parent.name}.${node.name.value}` : '', fieldType ? getNamedType(fieldType).name : ''];
          for (const coordinate of coordinates) {
            const requirement = requirements.get(coordinate);
            const verdict = requirement ? satisfies(viewer, requirement) : 'ok';
            if (verdict !== 'ok') found.push({ code: verdict, coordinate, path: [...path] });
          }
        },
        leave() {
          path.pop();
        },
      },
    }),
  );
  return found;
}

/**
 * Enforces @authenticated and @requiresScopes from the supergraph before the query plan runs: an
 * operation that selects a field the viewer may not see is refused as a whole, with the field's
 * path and UNAUTHENTICATED (not signed in) or FORBIDDEN (missing role). Subgraphs check owners again.
 */
export function authorizationPlugin(requirements: () => AccessRequirements): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema, contextValue }) {
          if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
          const [first] = refusals(operation, new TypeInfo(schema), requirements(), contextValue.viewer);
          if (!first) return;
          const message =
            first.code === 'UNAUTHENTICATED' ? `Sign in to see ${first.coordinate}` : `You are not allowed to see ${first.coordinate}`;
          throw new GraphQLError(message, {
            path: first.path,
            extensions: { code: first.code === 'UNAUTHENTICATED' ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN, http: { status: 200 } },
          });
        },
      };
    },
  };
}
