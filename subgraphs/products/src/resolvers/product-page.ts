import { pageSize, toConnection, type Connection } from '@shopgraph/server';
import type { ProductRow } from '../db/schema';
import type { ProductQuery, ProductSearch } from '../search/product-search';

/** A page of products, and the query behind it: totalCount and facets are counted only when asked for. */
export interface ProductConnectionModel extends Connection<ProductRow> {
  query: ProductQuery;
}

/** One page as a Relay connection; shared by Query.products and Category.products. */
export async function productPage(
  search: ProductSearch,
  args: { first?: number | null; after?: string | null },
  query: ProductQuery,
): Promise<ProductConnectionModel> {
  const size = pageSize(args.first);
  const hits = await search.page({ query, limit: size + 1, after: args.after ?? undefined });
  const connection = toConnection(hits, size, (hit) => hit.cursor);
  return { edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.product })), pageInfo: connection.pageInfo, query };
}
