import { ErrorCode } from '@shopgraph/server';
import { GraphQLError } from 'graphql';
import type { OperationMeasures } from './measure-operation';

/** What one operation may ask of the gateway. Every limit is checked before the query is planned. */
export interface OperationLimits {
  /** Deepest field nesting (root fields are depth 1). */
  maxDepth: number;
  /** Aliased fields in one operation, fragments counted per use (alias bombs, batched guesses). */
  maxAliases: number;
  /** Fields at the root of one operation. */
  maxRootFields: number;
  /** Fields once fragments are expanded, `__typename` included: what the gateway walks to plan and answer it. */
  maxFields: number;
  /**
   * Values the response may hold, estimated: every field (scalars and `__typename` too) times the
   * lists it is in. The cost counts objects only; this bounds the bytes a query of scalars asks for.
   */
  maxResponseFields: number;
  /** Lexical tokens in the document; graphql-js stops parsing past it. */
  maxTokens: number;
  /** Estimated cost (docs/security.md). */
  maxCost: number;
  /** Largest `first`/`last` (or other slicing argument); matches the subgraphs' MAX_PAGE_SIZE. */
  maxPageSize: number;
  /** Length assumed for a list field nothing else sizes. */
  defaultListSize: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 10,
  maxAliases: 30,
  maxRootFields: 20,
  maxFields: 1_000,
  maxResponseFields: 20_000,
  maxTokens: 5_000,
  maxCost: 5_000,
  maxPageSize: 100,
  defaultListSize: 10,
};

const CHECKS = [
  ['depth', 'maxDepth', 'Operation depth'],
  ['aliases', 'maxAliases', 'Aliased fields'],
  ['rootFields', 'maxRootFields', 'Root fields'],
  ['fields', 'maxFields', 'Fields (fragments expanded)'],
  ['cost', 'maxCost', 'Estimated cost'],
  ['responseFields', 'maxResponseFields', 'Estimated response fields'],
] as const satisfies readonly (readonly [keyof OperationMeasures, keyof OperationLimits, string])[];

/** The first limit the operation is over, as the error the client gets; null when within all. */
export function limitError(measures: OperationMeasures, limits: OperationLimits): GraphQLError | null {
  const page = measures.largestPage;
  if (page && page.value > limits.maxPageSize) {
    return new GraphQLError(`"${page.argument}" on ${page.coordinate} must be at most ${limits.maxPageSize}, got ${page.value}`, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        argumentName: page.argument,
        limit: 'maxPageSize',
        maximum: limits.maxPageSize,
        actual: page.value,
        http: { status: 400 },
      },
    });
  }
  for (const [measure, limit, label] of CHECKS) {
    const actual = measures[measure] as number;
    if (actual <= limits[limit]) continue;
    return new GraphQLError(`${label} ${actual} is over the limit of ${limits[limit]}`, {
      extensions: { code: ErrorCode.OPERATION_TOO_COMPLEX, limit, maximum: limits[limit], actual, http: { status: 400 } },
    });
  }
  return null;
}
