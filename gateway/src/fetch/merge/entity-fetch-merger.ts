import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { QueryPlan } from '@apollo/query-planner';
import { siblingFetchesOf, siblingKey, type SiblingFetches } from './sibling-fetches';

type ProcessOptions = GraphQLDataSourceProcessOptions<Record<string, unknown>>;
type Send = (options: ProcessOptions) => Promise<GatewayGraphQLResponse>;

/** Which requests run a plan with sibling entity fetches, and how many siblings each fetch has. */
export class PlanSiblings {
  private readonly byContext = new WeakMap<object, SiblingFetches>();

  /** From @apollo/gateway's experimental_didResolveQueryPlan, before the plan runs. */
  remember(context: object, plan: QueryPlan): void {
    const siblings = siblingFetchesOf(plan);
    if (siblings.size > 0) this.byContext.set(context, siblings);
  }

  /**
   * The sibling group this fetch belongs to and how many fetches (this one included) to wait for
   * before sending them as one; undefined (send now) for every request whose plan has none.
   */
  groupOf(options: ProcessOptions, service: string): SiblingGroup | undefined {
    const siblings = options.context && this.byContext.get(options.context);
    const query = options.request.query;
    if (!siblings || query === undefined || !Array.isArray(options.request.variables?.representations)) return undefined;
    const key = siblingKey(service, query, options.request.operationName);
    const expected = siblings.get(key);
    return expected === undefined ? undefined : { key, expected };
  }
}

export interface SiblingGroup {
  key: string;
  expected: number;
}

interface Waiting {
  options: ProcessOptions;
  size: number;
  resolve(response: GatewayGraphQLResponse): void;
  reject(error: unknown): void;
}

interface Group {
  expected: number;
  calls: Waiting[];
  timer?: NodeJS.Immediate;
}

/**
 * Sends a request's sibling entity fetches to one subgraph as one `_entities` call: the
 * representations of all of them, in order, then each fetch gets its slice of the answer (and the
 * errors at its entities, re-indexed). It sends as soon as the last sibling arrives; a sibling that
 * never comes (the planner skips a fetch with no entities, or a @skip condition) holds the others
 * only until the end of this turn of the event loop.
 */
export class EntityFetchMerger {
  private readonly groups = new Map<object, Map<string, Group>>();

  constructor(private readonly send: Send) {}

  fetch(options: ProcessOptions, { key, expected }: SiblingGroup): Promise<GatewayGraphQLResponse> {
    const context = options.context as object;
    let byKey = this.groups.get(context);
    if (!byKey) {
      byKey = new Map();
      this.groups.set(context, byKey);
    }
    let group = byKey.get(key);
    if (!group) {
      group = { expected, calls: [] };
      byKey.set(key, group);
    }
    const joined = group;
    return new Promise<GatewayGraphQLResponse>((resolve, reject) => {
      joined.calls.push({ options, size: (options.request.variables!.representations as unknown[]).length, resolve, reject });
      if (joined.calls.length >= joined.expected) this.flush(context, key, joined);
      else joined.timer ??= setImmediate(() => this.flush(context, key, joined));
    });
  }

  private flush(context: object, key: string, group: Group): void {
    if (group.timer) clearImmediate(group.timer);
    const byKey = this.groups.get(context);
    byKey?.delete(key);
    if (byKey?.size === 0) this.groups.delete(context);
    const { calls } = group;
    if (calls.length === 1) {
      this.send(calls[0]!.options).then(calls[0]!.resolve, calls[0]!.reject);
      return;
    }
    const first = calls[0]!.options;
    const representations = calls.flatMap((call) => call.options.request.variables!.representations as unknown[]);
    const merged = { ...first, request: { ...first.request, variables: { ...first.request.variables, representations } } } as ProcessOptions;
    this.send(merged).then(
      (response) =>
        splitMergedResponse(
          response,
          calls.map((call) => call.size),
        ).forEach((part, index) => calls[index]!.resolve(part)),
      (error: unknown) => calls.forEach((call) => call.reject(error)),
    );
  }
}

/**
 * One `_entities` answer cut back into the answers of the fetches merged into it, `sizes` being
 * how many representations each sent. Errors at an entity go to the fetch that asked for it, with
 * the index it knows; errors elsewhere (or an answer without the entities) go to every fetch.
 */
export function splitMergedResponse(response: GatewayGraphQLResponse, sizes: number[]): GatewayGraphQLResponse[] {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (!Array.isArray(entities) || entities.length !== total) return sizes.map(() => response);
  let offset = 0;
  return sizes.map((size) => {
    const start = offset;
    offset += size;
    const errors = response.errors?.flatMap((error) => {
      const index = error.path?.[0] === '_entities' && typeof error.path[1] === 'number' ? error.path[1] : undefined;
      if (index === undefined) return [error];
      if (index < start || index >= start + size) return [];
      return [{ ...error, path: ['_entities', index - start, ...error.path!.slice(2)] }];
    });
    const part: GatewayGraphQLResponse = { ...response, data: { ...response.data, _entities: entities.slice(start, start + size) } };
    if (errors?.length) part.errors = errors;
    else delete part.errors;
    return part;
  });
}
