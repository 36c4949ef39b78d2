import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { ErrorCode } from '@shopgraph/server';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import type { GatewayContext } from '../context';
import { fragmentsOf, PerNodeMemo } from '../operation-memo';
import { fillRedacted, redactFields, stripPlaceholders } from '../auth/redact-operation';
import { findRefusals, type Refusal } from '../auth/refusals';
import type { AccessRequirements } from '../auth/security-features';

const MAX_REDACTION_ERRORS = 100;

/** The error a refused field answers with (subscriptions are refused whole with these). */
export function refusalError(refusal: Refusal, path: readonly (string | number)[] = refusal.path): GraphQLError {
  const message = refusal.code === 'UNAUTHENTICATED' ? `Sign in to see ${refusal.coordinate}` : `You are not allowed to see ${refusal.coordinate}`;
  return new GraphQLError(message, { path, extensions: { code: refusal.code === 'UNAUTHENTICATED' ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN } });
}

/** What the refusals depend on in a viewer: signed in or not, and which roles. */
const viewerClassOf = (viewer: Viewer) => `${viewer.id ? 'signed-in' : 'anonymous'}:${[...viewer.roles].sort().join(',')}`;

type Writable = { -readonly [K in 'document' | 'operation' | 'queryHash']: GraphQLRequestContextDidResolveOperation<GatewayContext>[K] };

/**
 * Enforces @authenticated and @requiresScopes from the supergraph before the query plan runs, as
 * Apollo Router does: a nullable field the viewer may not see is taken out of the operation and
 * answered with null and an UNAUTHENTICATED or FORBIDDEN error at its path; a non-null one nulls
 * its nearest nullable ancestor, or the whole data when there is none (then nothing runs). Either
 * way the answer is HTTP 200: the request was fine, a field was refused (GraphQL over HTTP; it was
 * a 500 when the refusal was thrown). Subgraphs check owners again behind this.
 */
export function authorizationPlugin(requirements: () => AccessRequirements): ApolloServerPlugin<GatewayContext> {
  // Refusals depend on the operation, the requirements (new on a reload) and the viewer's class.
  const memos = new WeakMap<AccessRequirements, PerNodeMemo<OperationDefinitionNode, Refusal[]>>();
  return {
    async requestDidStart() {
      let redacted: Refusal[] = [];
      let fatal: Refusal | undefined;
      return {
        async didResolveOperation(context) {
          const { operation, document, schema, contextValue } = context;
          if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
          const current = requirements();
          let memo = memos.get(current);
          if (!memo) memos.set(current, (memo = new PerNodeMemo(8)));
          const viewer = contextValue.viewer;
          const refusals = memo.get(operation, viewerClassOf(viewer), () => findRefusals(schema, operation, fragmentsOf(document), current, viewer));
          if (refusals.length === 0) return;
          fatal = refusals.find((refusal) => !refusal.nullable);
          if (fatal) return;

          const reduced: DocumentNode = redactFields(document, new Set(refusals.map((refusal) => refusal.node)));
          const writable = context as unknown as Writable;
          writable.document = reduced;
          writable.operation = getOperationAST(reduced, context.operationName) as OperationDefinitionNode;
          // The gateway caches plans by queryHash: the reduced operation must not share the full one's.
          const removed = refusals
            .map((refusal) => refusal.path.join('.'))
            .sort()
            .join(',');
          writable.queryHash = createHash('sha256').update(context.queryHash).update(removed).digest('hex');
          redacted = refusals;
        },
        async responseForOperation() {
          if (!fatal) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: null, errors: [refusalError(fatal, fatal.path).toJSON()] } },
          };
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
