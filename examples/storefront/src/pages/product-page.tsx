import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { addLocal } from '../cart';
import { errorMessage, money, stars, when } from '../format';
import { availabilityOf, useLiveStock } from '../live-stock';
import { AddToCartMutation, CartQuery, ProductQuery } from '../operations';
import { useSession } from '../use-session';
import { tint } from './catalog-page';

/** One product: price, live stock, the rating histogram and reviews (four subgraphs, one query). */
export function ProductPage({ slug }: { slug: string }) {
  const { data, error, loading } = useQuery(ProductQuery, { variables: { slug } });
  const client = useApolloClient();
  const session = useSession();
  const [quantity, setQuantity] = useState(1);
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const liveAvailable = useLiveStock(data?.product?.id);
  if (loading) return <p className="muted">Loading…</p>;
  if (error) return <p className="error">{errorMessage(error)}</p>;
  const product = data?.product;
  if (!product) return <p>No such product.</p>;
  // Stock changes while the page is open arrive by subscription; until then the query's answer stands.
  const available = liveAvailable ?? product.stock.available;
  const availability = liveAvailable === undefined ? product.availability : availabilityOf(liveAvailable, product.stock.lowStockThreshold);
  const soldOut = availability === 'OUT_OF_STOCK';
  const add = async () => {
    setNotice(undefined);
    setFailure(undefined);
    try {
      if (session) await client.mutate({ mutation: AddToCartMutation, variables: { productId: product.id, quantity }, refetchQueries: [CartQuery] });
      else addLocal({ productId: product.id, slug: product.slug, name: product.name, unitPrice: product.price, quantity });
      setNotice(`Added ${quantity} to your cart.`);
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };
  const most = Math.max(1, ...product.rating.histogram.map((bucket) => bucket.count));
  return (
    <article className="product">
      <p className="crumbs">
        {product.category.path.map((category) => (
          <a key={category.id} href={`#/?category=${category.id}`}>
            {category.name}
          </a>
        ))}
      </p>
      <div className="product-head">
        <div className="placeholder big" style={{ background: tint(product.id) }}>
          {product.name.slice(0, 1)}
        </div>
        <div>
          <h1>{product.name}</h1>
          <p className="price">{money(product.price)}</p>
          <p className={`availability ${availability}`} data-testid="stock">
            {soldOut ? 'Sold out' : `${available} in stock`}
          </p>
          <div className="buy">
            <input
              aria-label="Quantity"
              type="number"
              min={1}
              max={99}
              value={quantity}
              onChange={(event) => setQuantity(Math.max(1, Number(event.target.value)))}
            />
            <button onClick={add} disabled={soldOut}>
              Add to cart
            </button>
          </div>
          {notice && (
            <p className="notice" role="status">
              {notice} <a href="#/cart">View cart</a>
            </p>
          )}
          {failure && <p className="error">{failure}</p>}
          <p>{product.description}</p>
        </div>
      </div>
      <section className="reviews">
        <h2>Reviews</h2>
        <p>
          {stars(product.rating.average)} · {product.rating.count} ratings
        </p>
        <table className="histogram" data-testid="rating-histogram">
          <tbody>
            {[...product.rating.histogram]
              .sort((a, b) => b.stars - a.stars)
              .map((bucket) => (
                <tr key={bucket.stars}>
                  <th>{bucket.stars} ★</th>
                  <td>
                    <span className="bar" style={{ width: `${(bucket.count / most) * 100}%` }} />
                  </td>
                  <td className="count">{bucket.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
        {product.reviews.edges.length === 0 && <p className="muted">No reviews yet.</p>}
        <ul className="plain">
          {product.reviews.edges.map(({ node }) => (
            <li key={node.id} className="review">
              <strong>{'★'.repeat(node.rating)}</strong> {node.title}
              <p>{node.body}</p>
              <span className="muted">
                {node.author.name}
                {node.verifiedPurchase ? ' · verified purchase' : ''} · {when(node.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
