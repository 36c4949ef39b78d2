import { useQuery } from '@apollo/client/react';
import { errorMessage, money, when } from '../format';
import { OrdersQuery } from '../operations';
import { useSession } from '../use-session';

export function OrdersPage() {
  const session = useSession();
  const { data, error, fetchMore } = useQuery(OrdersQuery, { variables: { first: 20 }, skip: !session, fetchPolicy: 'cache-and-network' });
  if (!session)
    return (
      <p className="panel">
        <a href="#/login?next=%2Forders">Sign in</a> to see your orders.
      </p>
    );
  const orders = data?.orders;
  return (
    <section className="panel">
      <h1>Your orders</h1>
      {error && <p className="error">{errorMessage(error)}</p>}
      {orders?.edges.length === 0 && <p className="muted">No orders yet.</p>}
      <table className="lines" data-testid="order-history">
        <tbody>
          {orders?.edges.map(({ node }) => (
            <tr key={node.id}>
              <td>
                <a href={`#/orders/${node.id}`}>{when(node.createdAt)}</a>
              </td>
              <td>{node.items.map((item) => `${item.quantity} × ${item.productName}`).join(', ')}</td>
              <td>{money(node.total)}</td>
              <td>
                <span className={`status ${node.status}`}>{node.status}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {orders?.pageInfo.hasNextPage && (
        <button
          onClick={() =>
            fetchMore({
              variables: { after: orders.pageInfo.endCursor },
              updateQuery: (previous, { fetchMoreResult }) => ({
                ...previous,
                orders: { ...fetchMoreResult.orders, edges: [...previous.orders.edges, ...fetchMoreResult.orders.edges] },
              }),
            })
          }
        >
          Older
        </button>
      )}
    </section>
  );
}
