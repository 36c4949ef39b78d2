import { useQuery } from '@apollo/client/react';
import { AdminCategoryTreeQuery } from './admin-operations';

export interface CategoryOption {
  id: string;
  /** The path from the root, "Home › Lighting". */
  label: string;
}

interface TreeNode {
  id: string;
  name: string;
  children?: readonly TreeNode[];
}

/** Every category of the tree, each under its path, in path order: what a category picker lists. */
export function useCategoryOptions(): { options: CategoryOption[]; error?: Error } {
  const { data, error } = useQuery(AdminCategoryTreeQuery, { fetchPolicy: 'cache-and-network' });
  return { options: flatten(data?.categories ?? [], []).sort((a, b) => a.label.localeCompare(b.label)), error };
}

function flatten(nodes: readonly TreeNode[], above: readonly string[]): CategoryOption[] {
  return nodes.flatMap((node) => {
    const path = [...above, node.name];
    return [{ id: node.id, label: path.join(' › ') }, ...flatten(node.children ?? [], path)];
  });
}
