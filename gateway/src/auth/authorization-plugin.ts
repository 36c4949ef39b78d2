import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ErrorCode } from '@shopgraph/server';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../context';
import { fillRedacted, redactFields, stripPlaceholders } from './redact-operation';
import { findRefusals, type Refusal } from './refusals';
import type { AccessRequirements } from './security-features';

const MAX_REDACTION_ERRORS = 100;

function refusalError(refusal: Refusal, path: readonly (string | number)[]): GraphQLError {
  const message = refusal.code === 'UNAUTHENTICATED' ? `Sign in to see ${refusal.coordinate}` : `You are not allowed to see ${refusal.coordinate}`;
  return new GraphQLError(message, { path, extensions: { code: refusal.code === 'UNAUTHENTICATED' ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN } });
}

type Writable = { -readonly [K in 'document' | 'operation' | 'queryHash']: GraphQLRequestContextDidResolveOperation<GatewayContext>[K] };

/**
 * Enforces @authenticated and @requiresScopes from the supergraph before the query plan runs, as
 * Apollo Router does: a nullable field the viewer may not see is taken out of the operation and
 * answered with null and an UNAUTHENTICATED or FORBIDDEN error at its path; a non-null one fails
 * the whole request. Subgraphs check owners again behind this.
 */
export function authorizationPlugin(requirements: () => AccessRequirements): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let redacted: Refusal[] = [];
      return {
        async didResolveOperation(context) {
          const { operation, document, schema, contextValue } = context;
          if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          const refusals = findRefusals(schema, operation, fragments, requirements(), contextValue.viewer);
          if (refusals.length === 0) return;
          const fatal = refusals.find((refusal) => !refusal.nullable);
          if (fatal) throw refusalError(fatal, fatal.path);

          const reduced: DocumentNode = redactFields(document, new Set(refusals.map((refusal) => refusal.node)));
          const writable = context as unknown as Writable;
          writable.document = reduced;
          writable.operation = getOperationAST(reduced, context.operationName) as OperationDefinitionNode;
          // The gateway caches plans by queryHash: the reduced operation must not share the full one's.
          const removed = refusals.map((refusal) => refusal.path.join('.')).sort().join(',');
          writable.queryHash = createHash('sha256').update(context.queryHash).update(removed).digest('hex');
          redacted = refusals;
        },
        async willSendResponse({ response }) {
          if (redacted.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors: GraphQLError[] = [];
          if (result.data) {
            for (const refusal of redacted) {
              for (const path of fillRedacted(result.data as never, refusal.path)) {
                if (errors.length < MAX_REDACTION_ERRORS) errors.push(refusalError(refusal, path));
              }
            }
            stripPlaceholders(result.data as never);
          }
          result.errors = [...(result.errors ?? []), ...errors.map((error) => error.toJSON())];
        },
      };
    },
  };
}
