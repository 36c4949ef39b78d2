import type { ProductRow } from '../db/schema';

export const PRODUCT_SORTS = ['RELEVANCE', 'NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RATING'] as const;
export type ProductSortOrder = (typeof PRODUCT_SORTS)[number];

/** What a storefront asks for: words, filters and an order. Already validated. */
export interface ProductQuery {
  /** Words to match; the last one as a prefix. Empty or missing: every product. */
  text?: string;
  /** The category and all its descendants. */
  categoryIds?: readonly string[];
  minPriceCents?: number;
  maxPriceCents?: number;
  inStock?: boolean;
  minRating?: number;
  /** True: archived products only (the back office); otherwise only those for sale. */
  archived?: boolean;
  sort: ProductSortOrder;
}

export interface ProductPageRequest {
  query: ProductQuery;
  /** Rows wanted; the engine returns one more when there are more. */
  limit: number;
  /** A cursor this engine returned for the same query. */
  after?: string;
}

export interface ProductHit {
  product: ProductRow;
  /** Opaque position after this product, for `after`. */
  cursor: string;
}

export interface CategoryFacetCount {
  categoryId: string;
  count: number;
}

export interface ProductFacetCounts {
  categories: CategoryFacetCount[];
  prices: { min: number; max: number | null; count: number }[];
  ratings: { stars: number | null; count: number }[];
}

/**
 * The catalog's search engine. Postgres full-text search implements it today; an external engine
 * (OpenSearch, Typesense) could replace it behind the same three calls.
 */
export interface ProductSearch {
  /** Matching products in the query's order, keyset-paginated: pages neither skip nor repeat rows. */
  page(request: ProductPageRequest): Promise<ProductHit[]>;
  count(query: ProductQuery): Promise<number>;
  /** Counts over every matching product; each facet's counts add up to `count(query)`. */
  facets(query: ProductQuery): Promise<ProductFacetCounts>;
}
