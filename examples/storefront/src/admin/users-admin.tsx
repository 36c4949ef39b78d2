import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import type { Role } from '../__generated__/graphql';
import { errorMessage, when } from '../format';
import { AdminSetUserRoleMutation, AdminUsersQuery } from './admin-operations';
import { useAction } from './use-action';

const ROLES: Role[] = ['CUSTOMER', 'ADMIN'];

/** Accounts, newest first, found by name or email; an admin gives or takes the ADMIN role. */
export function UsersAdmin() {
  const [search, setSearch] = useState('');
  const { data, error } = useQuery(AdminUsersQuery, { variables: { search: search || null, first: 50 }, fetchPolicy: 'cache-and-network' });
  const [setRole] = useMutation(AdminSetUserRoleMutation);
  const { failure, run } = useAction();
  return (
    <div data-testid="admin-users">
      <h1>Users and roles</h1>
      <input aria-label="Find users" placeholder="Name or email" value={search} onChange={(event) => setSearch(event.target.value)} />
      {error && <p className="error">{errorMessage(error)}</p>}
      {failure && <p className="error">{failure}</p>}
      <table className="lines">
        <tbody>
          {data?.users.map((user) => (
            <tr key={user.id} data-testid="admin-user" data-user-email={user.email ?? ''}>
              <td>{user.name}</td>
              <td className="muted">{user.email}</td>
              <td className="muted">{when(user.createdAt)}</td>
              <td>
                <select
                  aria-label="Role"
                  value={user.role}
                  onChange={(event) => void run(() => setRole({ variables: { userId: user.id, role: event.target.value as Role } }))}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
