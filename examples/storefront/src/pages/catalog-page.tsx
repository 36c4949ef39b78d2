import { useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { ProductSort } from '../__generated__/graphql';
import { errorMessage, money, stars } from '../format';
import { CategoriesQuery, SearchQuery } from '../operations';
import { navigate } from '../router';

const SORTS: { value: ProductSort; label: string }[] = [
  { value: 'RELEVANCE', label: 'Relevance' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'PRICE_ASC', label: 'Price: low to high' },
  { value: 'PRICE_DESC', label: 'Price: high to low' },
  { value: 'RATING', label: 'Rating' },
];

/** A stable pastel per product. */
export const tint = (id: string) => `hsl(${[...id].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360} 60% 85%)`;

const int = (value: string | null) => (value === null || value === '' ? undefined : Number(value));

/** Categories, search words, facets (category, price, rating) and sort: all kept in the URL. */
export function CatalogPage({ params }: { params: URLSearchParams }) {
  const search = params.get('q') ?? '';
  const categoryId = params.get('category') ?? undefined;
  const minPrice = int(params.get('minPrice'));
  const maxPrice = int(params.get('maxPrice'));
  const minRating = int(params.get('rating'));
  const sort = (params.get('sort') as ProductSort | null) ?? 'RELEVANCE';
  const [typed, setTyped] = useState(search);
  const categories = useQuery(CategoriesQuery);
  const { data, error, loading, fetchMore } = useQuery(SearchQuery, {
    variables: { search: search || undefined, filter: { categoryId, minPrice, maxPrice, minRating }, sort, first: 12 },
  });

  const go = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    navigate(`/?${next}`);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ q: typed.trim() });
  };
  const products = data?.products;
  const topLevel = categories.data?.categories.filter((category) => !category.parent) ?? [];

  return (
    <div className="catalog">
      <aside className="facets">
        <h3>Categories</h3>
        <ul className="plain">
          <li>
            <button className={`link ${categoryId ? '' : 'active'}`} onClick={() => go({ category: undefined })}>
              All
            </button>
          </li>
          {topLevel.map((category) => (
            <li key={category.id}>
              <button className={`link ${categoryId === category.id ? 'active' : ''}`} onClick={() => go({ category: category.id })}>
                {category.name}
              </button>
            </li>
          ))}
        </ul>
        {products && (
          <>
            <h3>In these results</h3>
            <ul className="plain" data-testid="category-facets">
              {products.facets.categories.map((facet) => (
                <li key={facet.category.id}>
                  <button className="link" onClick={() => go({ category: facet.category.id })}>
                    {facet.category.name} <span className="count">{facet.count}</span>
                  </button>
                </li>
              ))}
            </ul>
            <h3>Price</h3>
            <ul className="plain" data-testid="price-facets">
              {products.facets.prices.map((facet) => (
                <li key={facet.min}>
                  <button
                    className={`link ${minPrice === facet.min ? 'active' : ''}`}
                    onClick={() => go({ minPrice: facet.min, maxPrice: facet.max ?? undefined })}
                  >
                    {facet.max == null ? `$${facet.min / 100}+` : `$${facet.min / 100}–$${facet.max / 100}`} <span className="count">{facet.count}</span>
                  </button>
                </li>
              ))}
              {minPrice !== undefined && (
                <li>
                  <button className="link" onClick={() => go({ minPrice: undefined, maxPrice: undefined })}>
                    Any price
                  </button>
                </li>
              )}
            </ul>
            <h3>Rating</h3>
            <ul className="plain" data-testid="rating-facets">
              {products.facets.ratings.map((facet) => (
                <li key={facet.stars ?? 'none'}>
                  {facet.stars == null ? (
                    <span className="muted">
                      Unrated <span className="count">{facet.count}</span>
                    </span>
                  ) : (
                    <button className={`link ${minRating === facet.stars ? 'active' : ''}`} onClick={() => go({ rating: facet.stars ?? undefined })}>
                      {'★'.repeat(facet.stars)} & up <span className="count">{facet.count}</span>
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </aside>
      <section>
        <form className="search" onSubmit={submit} role="search">
          <input aria-label="Search products" placeholder="Search products…" value={typed} onChange={(event) => setTyped(event.target.value)} />
          <button type="submit">Search</button>
          <select aria-label="Sort" value={sort} onChange={(event) => go({ sort: event.target.value })}>
            {SORTS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </form>
        {error && <p className="error">{errorMessage(error)}</p>}
        {loading && !products && <p className="muted">Loading…</p>}
        {products && (
          <>
            <p className="muted" data-testid="result-count">
              {products.totalCount} products
            </p>
            <ul className="grid">
              {products.edges.map(({ node }) => (
                <li key={node.id} className="card">
                  <a href={`#/product/${node.slug}`} data-testid="product-card">
                    {/* The demo images live on a public photo service; a tile keeps the page self-contained. */}
                    <div className="placeholder" style={{ background: tint(node.id) }}>
                      {node.name.slice(0, 1)}
                    </div>
                    <strong>{node.name}</strong>
                  </a>
                  <span>{money(node.price)}</span>
                  <span className="muted">{stars(node.rating.average)}</span>
                  <span className={`availability ${node.availability}`}>{node.availability.replace(/_/g, ' ').toLowerCase()}</span>
                </li>
              ))}
            </ul>
            {products.pageInfo.hasNextPage && (
              <button
                onClick={() =>
                  fetchMore({
                    variables: { after: products.pageInfo.endCursor },
                    updateQuery: (previous, { fetchMoreResult }) => ({
                      ...previous,
                      products: { ...fetchMoreResult.products, edges: [...previous.products.edges, ...fetchMoreResult.products.edges] },
                    }),
                  })
                }
              >
                More
              </button>
            )}
          </>
        )}
      </section>
    </div>
  );
}
