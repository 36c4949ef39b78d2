import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from './errors';
import { statelessPlugin } from './stateless-plugin';

/**
 * Deepest nesting of arrays and objects accepted in variables. Real inputs nest a few levels;
 * 100,000 nested arrays once made `JSON.stringify` throw a RangeError deep in the gateway (a 500).
 */
export const MAX_VARIABLES_DEPTH = 64;

const NUL = '\u0000';

/** A request error (400): the request never reaches execution. */
function requestError(message: string, code: ErrorCode): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/**
 * The first problem with the variables, walked without recursion (they may be nested arbitrarily
 * deep): nesting past MAX_VARIABLES_DEPTH, or a string (value or key) holding U+0000, which
 * PostgreSQL refuses to store in text and no input of ours has a use for.
 */
export function variablesProblem(variables: unknown): GraphQLError | undefined {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: variables, depth: 0, path: 'variables' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth, path } = next;
    if (typeof value === 'string') {
      if (value.includes(NUL)) return requestError(`${path} holds the character U+0000, which no input may contain`, ErrorCode.BAD_USER_INPUT);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_VARIABLES_DEPTH) return requestError(`Variables may nest at most ${MAX_VARIABLES_DEPTH} levels deep`, ErrorCode.BAD_USER_INPUT);
    for (const [key, item] of Object.entries(value)) {
      if (key.includes(NUL)) return requestError(`A key in ${path} holds the character U+0000, which no input may contain`, ErrorCode.BAD_USER_INPUT);
      pending.push({ value: item, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return undefined;
}

// Apollo Server hands the same parsed document to every request of the same text (its document
// store), so each document is walked once, not once per request.
const documentsWithNul = new WeakMap<DocumentNode, boolean>();

function holdsNul(document: DocumentNode): boolean {
  let found = documentsWithNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes(NUL)) found = true;
      },
    });
    documentsWithNul.set(document, found);
  }
  return found;
}

/** A string literal of the document holding U+0000 (written as "\u0000" in GraphQL). */
export function literalProblem(document: DocumentNode): GraphQLError | undefined {
  return holdsNul(document)
    ? requestError('A string in the operation holds the character U+0000, which no input may contain', ErrorCode.BAD_USER_INPUT)
    : undefined;
}

/**
 * Refuses, as request errors with HTTP 400, what would otherwise fail deep in a server as a 500:
 * variables too deep or holding NUL (checked before other plugins measure them), NUL in the
 * document's string literals, and an operationName the document does not hold (@apollo/gateway
 * reports that as an execution failure, which Apollo Server answers with 500). Used by the gateway
 * and, as a second line, by every subgraph.
 */
export function inputGuardPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return statelessPlugin<TContext>({
    // Apollo Server answers only errors thrown from didResolveOperation (and later) with their
    // own status. It calls every plugin's hook in one `map`: thrown synchronously by the first
    // plugin, the refusal stops that map before later plugins (the limits guard, which also
    // throws synchronously) see the variables, and leaves no rejected promise unhandled.
    didResolveOperation({ operation, document, request }) {
      const problem = variablesProblem(request.variables ?? {});
      if (problem) throw problem;
      if (!operation) {
        const message = request.operationName
          ? `Unknown operation named "${request.operationName}"`
          : 'Must provide an operation name when the document holds several operations';
        throw requestError(message, ErrorCode.OPERATION_RESOLUTION_FAILURE);
      }
      if (operation.kind === Kind.OPERATION_DEFINITION) {
        const literal = literalProblem(document);
        if (literal) throw literal;
      }
      return Promise.resolve();
    },
  });
}
