import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../format';
import { AdminCategoriesQuery, AdminCreateCategoryMutation } from './admin-operations';
import { useAction } from './use-action';

/** The category tree (each with its path), and a new category under any of them. */
export function CategoriesAdmin() {
  const { data, error, refetch } = useQuery(AdminCategoriesQuery, { fetchPolicy: 'cache-and-network' });
  const [create] = useMutation(AdminCreateCategoryMutation);
  const { failure, run } = useAction();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const categories = [...(data?.categories ?? [])].sort((a, b) => pathOf(a).localeCompare(pathOf(b)));
  const onCreate = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await create({ variables: { input: { name, parentId: parentId || null } } });
      setName('');
      await refetch();
    });
  };
  return (
    <div data-testid="admin-categories">
      <h1>Categories</h1>
      {error && <p className="error">{errorMessage(error)}</p>}
      <form onSubmit={onCreate} className="actions">
        <input aria-label="Category name" placeholder="New category" value={name} onChange={(event) => setName(event.target.value)} required />
        <select aria-label="Parent category" value={parentId} onChange={(event) => setParentId(event.target.value)}>
          <option value="">(top level)</option>
          {categories.map((category) => (
            <option key={category.id} value={category.id}>
              {pathOf(category)}
            </option>
          ))}
        </select>
        <button>Create category</button>
      </form>
      {failure && <p className="error">{failure}</p>}
      <ul className="plain">
        {categories.map((category) => (
          <li key={category.id} data-testid="admin-category">
            <a href={`#/?category=${category.id}`}>{pathOf(category)}</a> <code className="muted">{category.slug}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

const pathOf = (category: { name: string; path: readonly { name: string }[] }) =>
  (category.path.length ? category.path : [category]).map((step) => step.name).join(' › ');
