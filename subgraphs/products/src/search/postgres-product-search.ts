import { and, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { badUserInput, decodeCursor, encodeCursor } from '@shopgraph/server';
import type { ProductsDb } from '../db/database';
import { productColumns, products, productSignals } from '../db/schema';
import type { ProductFacetCounts, ProductHit, ProductPageRequest, ProductQuery, ProductSearch, ProductSortOrder } from './product-search';
import { toPrefixTsQuery } from './search-text';

/** Upper bounds (exclusive, minor units) of the price facet's buckets; the last bucket is open. */
export const PRICE_BUCKET_EDGES = [2_500, 5_000, 10_000, 20_000, 30_000] as const;

/** An order as SQL: key expressions (the product id last, so ties never reorder) and one direction. */
interface SortPlan {
  keys: { expression: SQL; type: string }[];
  descending: boolean;
}

const EXACT_NAME_BOOST = 10;

/** Catalog search in Postgres: a weighted tsvector with a GIN index, ranked by ts_rank, keyset pages. */
export class PostgresProductSearch implements ProductSearch {
  constructor(private readonly db: ProductsDb) {}

  async page(request: ProductPageRequest): Promise<ProductHit[]> {
    const plan = this.sortPlan(request.query);
    const sortName = this.effectiveSort(request.query);
    const after = request.after ? this.positionAfter(request.after, sortName, plan) : undefined;
    const keyList = sql.join(
      plan.keys.map((key) => sql`(${key.expression})::text`),
      sql`, `,
    );
    const rows = await this.db
      .select({ product: productColumns, keys: sql<string[]>`array[${keyList}]` })
      .from(products)
      .leftJoin(productSignals, eq(productSignals.productId, products.id))
      .where(and(this.matching(request.query), after))
      .orderBy(...plan.keys.map((key) => (plan.descending ? sql`${key.expression} desc` : sql`${key.expression} asc`)))
      .limit(request.limit);
    return rows.map((row) => ({ product: row.product, cursor: encodeCursor([sortName, ...row.keys]) }));
  }

  async count(query: ProductQuery): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(products)
      .leftJoin(productSignals, eq(productSignals.productId, products.id))
      .where(this.matching(query));
    return row?.count ?? 0;
  }

  async facets(query: ProductQuery): Promise<ProductFacetCounts> {
    const priceBucket = sql`width_bucket(${products.priceCents}, array[${sql.raw(PRICE_BUCKET_EDGES.join(','))}])`;
    const ratingBucket = sql`floor(${productSignals.ratingAverage})::int`;
    const rows = await this.db
      .select({
        set: sql<number>`grouping(${products.categoryId}, ${priceBucket}, ${ratingBucket})`,
        categoryId: products.categoryId,
        priceBucket: sql<number>`${priceBucket}`,
        ratingBucket: sql<number | null>`${ratingBucket}`,
        count: sql<number>`count(*)::int`,
      })
      .from(products)
      .leftJoin(productSignals, eq(productSignals.productId, products.id))
      .where(this.matching(query))
      .groupBy(sql`grouping sets ((${products.categoryId}), (${priceBucket}), (${ratingBucket}))`);
    // grouping() sets a bit for every column a row is NOT grouped by: 3 = by category, 5 = by price, 6 = by rating.
    const facets: ProductFacetCounts = { categories: [], prices: [], ratings: [] };
    for (const row of rows) {
      if (row.set === 3) facets.categories.push({ categoryId: row.categoryId, count: row.count });
      else if (row.set === 5)
        facets.prices.push({
          min: row.priceBucket === 0 ? 0 : PRICE_BUCKET_EDGES[row.priceBucket - 1]!,
          max: PRICE_BUCKET_EDGES[row.priceBucket] ?? null,
          count: row.count,
        });
      else if (row.set === 6) facets.ratings.push({ stars: row.ratingBucket === null ? null : Math.min(row.ratingBucket, 5), count: row.count });
    }
    facets.categories.sort((a, b) => b.count - a.count || a.categoryId.localeCompare(b.categoryId));
    facets.prices.sort((a, b) => a.min - b.min);
    facets.ratings.sort((a, b) => (b.stars ?? -1) - (a.stars ?? -1));
    return facets;
  }

  /** Every filter and the search words, as one condition; archived products match only when asked for. */
  private matching(query: ProductQuery): SQL | undefined {
    const tsQuery = query.text ? toPrefixTsQuery(query.text) : null;
    return and(
      query.archived ? isNotNull(products.archivedAt) : isNull(products.archivedAt),
      query.text !== undefined ? (tsQuery ? sql`${products.search} @@ to_tsquery('english', ${tsQuery})` : sql`false`) : undefined,
      query.categoryIds ? inArray(products.categoryId, [...query.categoryIds]) : undefined,
      query.minPriceCents !== undefined ? gte(products.priceCents, query.minPriceCents) : undefined,
      query.maxPriceCents !== undefined ? lte(products.priceCents, query.maxPriceCents) : undefined,
      query.inStock ? sql`coalesce(${productSignals.available}, 0) > 0` : undefined,
      query.inStock === false ? sql`coalesce(${productSignals.available}, 0) = 0` : undefined,
      query.minRating !== undefined ? gte(productSignals.ratingAverage, query.minRating) : undefined,
    );
  }

  private effectiveSort(query: ProductQuery): ProductSortOrder {
    return query.sort === 'RELEVANCE' && !(query.text && toPrefixTsQuery(query.text)) ? 'NEWEST' : query.sort;
  }

  private sortPlan(query: ProductQuery): SortPlan {
    const id = { expression: sql`${products.id}`, type: 'uuid' };
    switch (this.effectiveSort(query)) {
      case 'RELEVANCE': {
        const tsQuery = toPrefixTsQuery(query.text!);
        const rank = sql`(lower(${products.name}) = lower(${query.text!.trim()}))::int * ${EXACT_NAME_BOOST} + ts_rank(${products.search}, to_tsquery('english', ${tsQuery}))::float8`;
        return { keys: [{ expression: rank, type: 'float8' }, id], descending: true };
      }
      case 'PRICE_ASC':
        return { keys: [{ expression: sql`${products.priceCents}`, type: 'int' }, id], descending: false };
      case 'PRICE_DESC':
        return { keys: [{ expression: sql`${products.priceCents}`, type: 'int' }, id], descending: true };
      case 'RATING':
        return {
          keys: [
            { expression: sql`coalesce(${productSignals.ratingAverage}, 0)`, type: 'float8' },
            { expression: sql`coalesce(${productSignals.ratingCount}, 0)`, type: 'int' },
            id,
          ],
          descending: true,
        };
      case 'NEWEST':
        return { keys: [{ expression: sql`${products.createdAt}`, type: 'timestamptz' }, id], descending: true };
    }
  }

  /** Rows strictly after the cursor's, in the sort's direction, by one row comparison. */
  private positionAfter(cursor: string, sortName: ProductSortOrder, plan: SortPlan): SQL {
    const values = decodeCursor(cursor, plan.keys.length + 1);
    if (values[0] !== sortName || plan.keys.some((key, index) => !isValueOf(key.type, values[index + 1]))) {
      throw badUserInput('"after" is a cursor of another search or order; start again without it', 'after');
    }
    const left = sql.join(
      plan.keys.map((key) => key.expression),
      sql`, `,
    );
    const right = sql.join(
      plan.keys.map((key, index) => sql`cast(${values[index + 1]} as ${sql.raw(key.type)})`),
      sql`, `,
    );
    return plan.descending ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`;
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:\d{2})?|Z)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A cursor's value must cast cleanly, or Postgres would answer a forged cursor with an error. */
function isValueOf(type: string, value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (type === 'uuid') return UUID.test(value);
  if (type === 'timestamptz') return TIMESTAMP.test(value);
  return value.trim() !== '' && Number.isFinite(Number(value));
}
