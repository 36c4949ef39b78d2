import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { AdminEditProductMutation, AdminProductQuery } from './admin-operations';
import { useCategoryOptions, type CategoryOption } from './category-options';
import { useAction } from './use-action';

interface EditorProps {
  productId: string;
  /** After a save the products subgraph accepted, or on Cancel. */
  onDone: () => void;
}

/** The whole product in one form; the products subgraph checks every field, and its refusal is shown here. */
export function ProductEditor({ productId, onDone }: EditorProps) {
  const { data, error } = useQuery(AdminProductQuery, { variables: { id: productId }, fetchPolicy: 'network-only' });
  const { options: categories, error: categoriesError } = useCategoryOptions();
  if (error ?? categoriesError) return <p className="error">{(error ?? categoriesError)!.message}</p>;
  // Both first: a category select without its options would show no category at all.
  if (!data?.product || categories.length === 0) return <p className="muted">Loading…</p>;
  return <ProductForm product={data.product} categories={categories} onDone={onDone} />;
}

interface ProductFormProps {
  product: {
    id: string;
    sku: string;
    slug: string;
    name: string;
    description: string;
    price: { amount: number };
    images: readonly string[];
    attributes: readonly { name: string; value: string }[];
    category: { id: string };
  };
  categories: readonly CategoryOption[];
  onDone: () => void;
}

function ProductForm({ product, categories, onDone }: ProductFormProps) {
  const [save] = useMutation(AdminEditProductMutation);
  const { failure, run } = useAction();
  const [fields, setFields] = useState({
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    description: product.description,
    price: (product.price.amount / 100).toFixed(2),
    categoryId: product.category.id,
    images: product.images.join('\n'),
    attributes: product.attributes.map((attribute) => `${attribute.name}: ${attribute.value}`).join('\n'),
  });
  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
  });
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const { price, images, attributes, ...rest } = fields;
      await save({
        variables: {
          id: product.id,
          input: { ...rest, price: Math.round(Number(price) * 100), images: lines(images), attributes: lines(attributes).map(attribute) },
        },
      });
      onDone();
    });
  };
  return (
    <form onSubmit={onSave} className="product-editor" aria-label="Edit product" data-testid="product-editor">
      <label>
        Name
        <input {...field('name')} aria-label="Name" required />
      </label>
      <label>
        Description
        <textarea {...field('description')} aria-label="Description" rows={4} />
      </label>
      <label>
        Category
        <select {...field('categoryId')} aria-label="Category" required>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {category.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Price
        <input {...field('price')} aria-label="Price" inputMode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" required />
      </label>
      <label>
        Images (one URL a line)
        <textarea {...field('images')} aria-label="Images" rows={2} />
      </label>
      <label>
        Attributes (one “name: value” a line)
        <textarea {...field('attributes')} aria-label="Attributes" rows={3} />
      </label>
      <label>
        SKU
        <input {...field('sku')} aria-label="SKU" required />
      </label>
      <label>
        Slug (the product page’s address)
        <input {...field('slug')} aria-label="Slug" required />
      </label>
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      <div className="actions">
        <button>Save product</button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** "Colour: Red" as an attribute; a line without a colon is a name with an empty value, which the subgraph refuses. */
function attribute(line: string): { name: string; value: string } {
  const colon = line.indexOf(':');
  return colon < 0 ? { name: line, value: '' } : { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
}
