import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../format';
import { AdminCreateCategoryMutation } from './admin-operations';
import { CATEGORY_TREE_DEPTH, useCategoryOptions } from './category-options';
import { useAction } from './use-action';

/** The whole category tree (each with its path), and a new category at the top or under any of them the tree can show. */
export function CategoriesAdmin() {
  const { options: categories, error, refetch } = useCategoryOptions();
  const [create] = useMutation(AdminCreateCategoryMutation);
  const { failure, run } = useAction();
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
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
          {categories
            .filter((category) => category.depth < CATEGORY_TREE_DEPTH)
            .map((category) => (
              <option key={category.id} value={category.id}>
                {category.label}
              </option>
            ))}
        </select>
        <button>Create category</button>
      </form>
      {failure && <p className="error">{failure}</p>}
      <ul className="plain">
        {categories.map((category) => (
          <li key={category.id} data-testid="admin-category">
            <a href={`#/?category=${category.id}`}>{category.label}</a> <code className="muted">{category.slug}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
