import { useQuery } from '@apollo/client/react';
import { AdminCategoryTreeQuery } from './admin-operations';

/** Levels of the tree the back office reads (AdminCategoryTree): a new category goes at most this deep. */
export const CATEGORY_TREE_DEPTH = 3;

export interface CategoryOption {
  id: string;
  slug: string;
  /** The path from the root, "Home › Lighting". */
  label: string;
  /** 1 for a top-level category. */
  depth: number;
}

interface TreeNode {
  id: string;
  slug: string;
  name: string;
  children?: readonly TreeNode[];
}

/** Every category of the tree, each under its path, in path order: what a category picker lists. */
export function useCategoryOptions(): { options: CategoryOption[]; error?: Error; refetch: () => Promise<unknown> } {
  const { data, error, refetch } = useQuery(AdminCategoryTreeQuery, { fetchPolicy: 'cache-and-network' });
  return { options: flatten(data?.categories ?? [], []).sort((a, b) => a.label.localeCompare(b.label)), error, refetch };
}

function flatten(nodes: readonly TreeNode[], above: readonly string[]): CategoryOption[] {
  return nodes.flatMap((node) => {
    const path = [...above, node.name];
    return [{ id: node.id, slug: node.slug, label: path.join(' › '), depth: path.length }, ...flatten(node.children ?? [], path)];
  });
}
