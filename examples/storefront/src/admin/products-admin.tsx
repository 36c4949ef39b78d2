import { useMutation, useQuery } from '@apollo/client/react';
import { Fragment, useState, type FormEvent } from 'react';
import { errorMessage, money } from '../format';
import { useAction } from './use-action';
import {
  AdminAdjustStockMutation,
  AdminArchiveProductMutation,
  AdminCreateProductMutation,
  AdminEditProductMutation,
  AdminProductsQuery,
  AdminRestoreProductMutation,
} from './admin-operations';
import { useCategoryOptions } from './category-options';
import { ProductEditor } from './product-editor';

/** Products, newest first: the whole product edited in a form, a quick price, stock adjustments with a reason, archiving and restoring. */
export function ProductsAdmin() {
  const [search, setSearch] = useState('');
  const [archived, setArchived] = useState(false);
  const [editing, setEditing] = useState<string>();
  const { data, error, refetch } = useQuery(AdminProductsQuery, {
    variables: { search: search || null, first: 50, archived },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <div data-testid="admin-products">
      <h1>Products</h1>
      <NewProduct onCreated={(name) => setSearch(name)} />
      <div className="actions">
        <input aria-label="Find products" placeholder="Find products" value={search} onChange={(event) => setSearch(event.target.value)} />
        <label className="choice">
          <input type="checkbox" checked={archived} onChange={(event) => setArchived(event.target.checked)} />
          Archived products
        </label>
      </div>
      {error && <p className="error">{errorMessage(error)}</p>}
      <table className="lines">
        <tbody>
          {data?.products.edges.map(({ node }) => (
            <Fragment key={node.id}>
              <ProductRow product={node} onEdit={() => setEditing(node.id)} onArchivedOrRestored={() => void refetch()} />
              {editing === node.id && (
                <tr>
                  <td colSpan={4}>
                    <ProductEditor productId={node.id} onDone={() => setEditing(undefined)} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface ProductRowProps {
  product: {
    id: string;
    sku: string;
    slug: string;
    name: string;
    price: { amount: number; currency: string };
    archivedAt: string | null;
    stock: { onHand: number; reserved: number; available: number } | null;
  };
  onEdit: () => void;
  onArchivedOrRestored: () => void;
}

function ProductRow({ product, onEdit, onArchivedOrRestored }: ProductRowProps) {
  const [adjust] = useMutation(AdminAdjustStockMutation);
  const [update] = useMutation(AdminEditProductMutation);
  const [archive] = useMutation(AdminArchiveProductMutation);
  const [restore] = useMutation(AdminRestoreProductMutation);
  const [delta, setDelta] = useState('');
  const [price, setPrice] = useState('');
  const { failure, run } = useAction();
  const onAdjust = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await adjust({ variables: { productId: product.id, delta: Number(delta), reason: 'Counted in the back office' } });
      setDelta('');
    });
  };
  const onPrice = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await update({ variables: { id: product.id, input: { price: Math.round(Number(price) * 100) } } });
      setPrice('');
    });
  };
  return (
    <tr data-testid="admin-product" data-product-id={product.id}>
      <td>
        <a href={`#/product/${product.slug}`}>{product.name}</a>
        <br />
        <code className="muted">{product.sku}</code>
      </td>
      <td>
        {money(product.price)}
        <form onSubmit={onPrice}>
          <input aria-label="New price" inputMode="decimal" value={price} onChange={(event) => setPrice(event.target.value)} required />
          <button>Set price</button>
        </form>
      </td>
      <td data-testid="admin-stock">
        {product.stock ? `${product.stock.available} available (${product.stock.onHand} on hand, ${product.stock.reserved} held)` : 'no stock record'}
        <form onSubmit={onAdjust}>
          <input aria-label="Stock change" inputMode="numeric" pattern="-?[0-9]+" value={delta} onChange={(event) => setDelta(event.target.value)} required />
          <button>Adjust stock</button>
        </form>
      </td>
      <td>
        <button onClick={onEdit}>Edit</button>{' '}
        {product.archivedAt ? (
          <button onClick={() => void run(async () => (await restore({ variables: { id: product.id } }), onArchivedOrRestored()))}>Restore</button>
        ) : (
          <button onClick={() => void run(async () => (await archive({ variables: { id: product.id } }), onArchivedOrRestored()))}>Archive</button>
        )}
        {failure && <p className="error">{failure}</p>}
      </td>
    </tr>
  );
}

/** A new product: SKU, name, price and category (the products subgraph checks each, and makes the slug). */
function NewProduct({ onCreated }: { onCreated: (name: string) => void }) {
  const { options: categories } = useCategoryOptions();
  const [create] = useMutation(AdminCreateProductMutation);
  const { failure, run } = useAction();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [categoryId, setCategoryId] = useState('');
  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await create({ variables: { input: { sku, name, price: Math.round(Number(price) * 100), categoryId } } });
      setSku('');
      setName('');
      setPrice('');
      onCreated(name);
    });
  };
  return (
    <form onSubmit={onCreate} className="actions" aria-label="New product">
      <input aria-label="SKU" placeholder="SKU" value={sku} onChange={(event) => setSku(event.target.value)} required />
      <input aria-label="Product name" placeholder="Name" value={name} onChange={(event) => setName(event.target.value)} required />
      <input aria-label="Price" placeholder="Price" inputMode="decimal" value={price} onChange={(event) => setPrice(event.target.value)} required />
      <select aria-label="Category" value={categoryId} onChange={(event) => setCategoryId(event.target.value)} required>
        <option value="">Category…</option>
        {categories.map((category) => (
          <option key={category.id} value={category.id}>
            {category.label}
          </option>
        ))}
      </select>
      <button>Create product</button>
      {failure && <p className="error">{failure}</p>}
    </form>
  );
}
