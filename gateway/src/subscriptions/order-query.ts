import { Kind, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

export const ORDER_ID_VARIABLE = '__subscriptionOrderId';

/** A query the gateway plans like any other: `order(id)` with the client's selection under the event's `order`. */
export interface OrderQuery {
  text: string;
  /** The client's variables that the query uses. */
  variableNames: string[];
}

const built = new WeakMap<readonly FieldNode[], OrderQuery>();

/**
 * Builds (once per subscription: field nodes are the same object for every event) the query that
 * fetches what the client selected under `order`, with the fragments and variables it uses.
 */
export function orderQueryFor(info: GraphQLResolveInfo): OrderQuery {
  const cached = built.get(info.fieldNodes);
  if (cached) return cached;
  const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = usedFragments(selections, info.fragments);
  const variableNames = new Set<string>();
  const collect = { Variable: (node: { name: { value: string } }) => void variableNames.add(node.name.value) };
  for (const selection of selections) visit(selection, collect);
  for (const fragment of fragments) visit(fragment, collect);
  const variableDefinitions = (info.operation.variableDefinitions ?? []).filter((definition) => variableNames.has(definition.variable.name.value));
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: 'query' as never,
        name: { kind: Kind.NAME, value: 'SubscriptionOrder' },
        variableDefinitions: [
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ORDER_ID_VARIABLE } },
            type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
          },
          ...variableDefinitions,
        ],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              name: { kind: Kind.NAME, value: 'order' },
              arguments: [
                {
                  kind: Kind.ARGUMENT,
                  name: { kind: Kind.NAME, value: 'id' },
                  value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ORDER_ID_VARIABLE } },
                },
              ],
              selectionSet: { kind: Kind.SELECTION_SET, selections },
            },
          ],
        },
      },
      ...fragments,
    ],
  };
  const query = { text: print(document), variableNames: [...variableNames] };
  built.set(info.fieldNodes, query);
  return query;
}

/** The fragments the selections spread, transitively. */
function usedFragments(selections: readonly SelectionNode[], all: Record<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending = [...selections];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const fragment = all[node.name.value];
        if (fragment && !used.has(fragment.name.value)) {
          used.set(fragment.name.value, fragment);
          pending.push(...fragment.selectionSet.selections);
        }
      },
    });
  }
  return [...used.values()];
}
