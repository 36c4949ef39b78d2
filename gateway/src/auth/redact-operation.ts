import { Kind, visit, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';

/** Alias of the `__typename` that stands in for a selection set left empty by redaction. */
export const PLACEHOLDER = '__shopgraph_redacted';

const placeholder: FieldNode = { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } };

/** The document without the given fields; selection sets they leave empty get a placeholder. */
export function redactFields(document: DocumentNode, remove: ReadonlySet<FieldNode>): DocumentNode {
  return visit(document, {
    Field: (node) => (remove.has(node) ? null : undefined),
    SelectionSet: {
      leave: (node): SelectionSetNode | undefined => (node.selections.length === 0 ? { ...node, selections: [placeholder] } : undefined),
    },
  });
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Puts null where each removed field would have been, following lists, and returns the concrete
 * paths (with list indices) it filled, for the errors that explain them.
 */
export function fillRedacted(data: Record<string, Json>, path: readonly string[]): (string | number)[][] {
  const filled: (string | number)[][] = [];
  const descend = (value: Json, depth: number, at: (string | number)[]): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => descend(item, depth, [...at, index]));
      return;
    }
    const key = path[depth]!;
    if (depth === path.length - 1) {
      value[key] = null;
      filled.push([...at, key]);
      return;
    }
    descend(value[key] ?? null, depth + 1, [...at, key]);
  };
  descend(data, 0, []);
  return filled;
}

/** Removes the placeholders from a response. */
export function stripPlaceholders(value: Json): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach(stripPlaceholders);
    return;
  }
  delete value[PLACEHOLDER];
  Object.values(value).forEach(stripPlaceholders);
}
