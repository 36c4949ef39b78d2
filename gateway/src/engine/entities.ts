import type { FetchDataRewrite, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { TypeRelations } from './type-relations';

export type JsonObject = Record<string, unknown>;
type PathKey = string | number;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const FRAGMENT = '... on ';

/**
 * The objects a fetch under a Flatten works on: every object at `path` in the response so far, in
 * document order. `@` steps into each item of a list, `... on T` keeps objects of type T. With
 * `paths`, the response path of each object is collected too (only when errors need one).
 */
export function objectsAt(root: unknown, path: ResponsePath, relations: TypeRelations, paths?: PathKey[][]): JsonObject[] {
  const walk: Walk = { path, relations, paths, found: [], current: [] };
  walkTo(walk, root, 0);
  return walk.found;
}

/** One objectsAt walk's inputs and what it found so far. */
interface Walk {
  readonly path: ResponsePath;
  readonly relations: TypeRelations;
  readonly paths: PathKey[][] | undefined;
  readonly found: JsonObject[];
  /** The response path of the value being walked. */
  readonly current: PathKey[];
}

// A module-level function, not a closure per call: the bundle keeps function names (keepNames), so
// each closure made per fetch was also renamed with Object.defineProperty (0.5% of the CPU on (c) no-dedup).
function walkTo(walk: Walk, value: unknown, index: number): void {
  const { path, current } = walk;
  if (value === null || value === undefined) return;
  if (Array.isArray(value) && (index === path.length || path[index] !== '@')) {
    // A list where the path names none (its end): every item counts.
    for (let position = 0; position < value.length; position += 1) {
      current.push(position);
      walkTo(walk, value[position], index);
      current.pop();
    }
    return;
  }
  if (index === path.length) {
    if (isObject(value)) {
      walk.found.push(value);
      walk.paths?.push([...current]);
    }
    return;
  }
  const step = path[index]!;
  if (step === '@') {
    if (!Array.isArray(value)) return;
    for (let position = 0; position < value.length; position += 1) {
      current.push(position);
      walkTo(walk, value[position], index + 1);
      current.pop();
    }
  } else if (typeof step === 'string' && step.startsWith(FRAGMENT)) {
    if (isObject(value) && walk.relations.isA(value.__typename, step.slice(FRAGMENT.length))) walkTo(walk, value, index + 1);
  } else if (isObject(value)) {
    current.push(step);
    walkTo(walk, value[step as string], index + 1);
    current.pop();
  }
}

/**
 * An entity's representation: the fields `requires` names, read from what earlier fetches
 * answered. Undefined when a named field is missing (that entity is not sent, as stock does).
 */
export function representationOf(source: JsonObject, selections: readonly QueryPlanSelectionNode[], relations: TypeRelations): JsonObject | undefined {
  const result: JsonObject = {};
  return project(source, selections, relations, result) ? result : undefined;
}

function project(source: JsonObject, selections: readonly QueryPlanSelectionNode[], relations: TypeRelations, into: JsonObject): boolean {
  for (const selection of selections) {
    if (selection.kind === 'InlineFragment') {
      if (selection.typeCondition && relations.isA(source.__typename, selection.typeCondition) && !project(source, selection.selections, relations, into))
        return false;
      continue;
    }
    // Read from the response key, write under the field's name: a representation is keyed by the
    // field names the subgraph's @requires declares (Hive aliases a second read of a field with
    // other arguments, `_internal_qp_alias_0: price(currency: "EUR")`, and sends it as `price`).
    const key = selection.alias ?? selection.name;
    const value = Object.hasOwn(source, key) ? source[key] : undefined;
    if (value === undefined) return false;
    into[selection.name] = selection.selections ? projectValue(value, selection.selections, relations) : value;
  }
  return true;
}

function projectValue(value: unknown, selections: readonly QueryPlanSelectionNode[], relations: TypeRelations): unknown {
  if (Array.isArray(value)) return value.map((item) => projectValue(item, selections, relations));
  if (!isObject(value)) return value ?? null;
  const nested: JsonObject = {};
  return project(value, selections, relations, nested) ? nested : null;
}

/** Applies a plan's input or output rewrites (set a value, rename a key) to one object, in place. */
export function applyRewrites(value: unknown, rewrites: readonly FetchDataRewrite[] | undefined, relations: TypeRelations): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const last = rewrite.path[rewrite.path.length - 1];
    if (last === undefined) continue;
    atPath(value, rewrite.path, 0, relations, (target) => {
      if (rewrite.kind === 'ValueSetter') target[last] = rewrite.setValueTo;
      else if (target[last] !== undefined && target[last] !== null) {
        target[rewrite.renameKeyTo] = target[last];
        delete target[last];
      }
    });
  }
}

function atPath(value: unknown, path: readonly string[], index: number, relations: TypeRelations, apply: (target: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) atPath(item, path, index, relations, apply);
    return;
  }
  if (!isObject(value)) return;
  if (index === path.length - 1) {
    apply(value);
    return;
  }
  const step = path[index]!;
  if (step.startsWith(FRAGMENT)) {
    if (relations.isA(value.__typename, step.slice(FRAGMENT.length))) atPath(value, path, index + 1, relations, apply);
  } else atPath(value[step], path, index + 1, relations, apply);
}

/** Merges a subgraph's answer into the object it completes: objects field by field, lists item by item. */
export function mergeInto(target: JsonObject, source: JsonObject): void {
  for (const key in source) {
    if (key === '__proto__') continue;
    const incoming = source[key];
    const existing = target[key];
    if (isObject(existing) && isObject(incoming)) mergeInto(existing, incoming);
    else if (Array.isArray(existing) && Array.isArray(incoming)) mergeLists(existing, incoming);
    else target[key] = incoming;
  }
}

function mergeLists(existing: unknown[], incoming: unknown[]): void {
  for (let index = 0; index < incoming.length; index += 1) {
    const from = incoming[index];
    const into = existing[index];
    if (isObject(into) && isObject(from)) mergeInto(into, from);
    else if (Array.isArray(into) && Array.isArray(from)) mergeLists(into, from);
    else existing[index] = from;
  }
}
