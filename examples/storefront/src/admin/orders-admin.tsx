import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { OrderStatus } from '../__generated__/graphql';
import { errorMessage, money, when } from '../format';
import { useAction } from './use-action';
import { AdminDeliverOrderMutation, AdminOrdersQuery, AdminRefundOrderMutation, AdminShipOrderMutation } from './admin-operations';

const STATUSES: OrderStatus[] = ['PENDING', 'PAID', 'PAYMENT_FAILED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'REFUNDED'];

/** Every order, newest first, filtered by status; paid ones ship with a tracking number, delivered or paid ones refund. */
export function OrdersAdmin() {
  const [status, setStatus] = useState<OrderStatus | ''>('');
  const { data, error, refetch } = useQuery(AdminOrdersQuery, {
    variables: { first: 50, status: status ? [status] : null },
    fetchPolicy: 'cache-and-network',
  });
  return (
    <div data-testid="admin-orders">
      <h1>Orders</h1>
      <label>
        Status{' '}
        <select aria-label="Filter by status" value={status} onChange={(event) => setStatus(event.target.value as OrderStatus | '')}>
          <option value="">All</option>
          {STATUSES.map((candidate) => (
            <option key={candidate} value={candidate}>
              {candidate}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error">{errorMessage(error)}</p>}
      <table className="lines">
        <tbody>
          {data?.orders.edges.map(({ node }) => (
            <tr key={node.id} data-testid="admin-order" data-order-id={node.id}>
              <td>
                <code>{node.id.slice(0, 8)}</code>
                <br />
                <span className="muted">{when(node.createdAt)}</span>
              </td>
              <td>
                {node.user.name}
                <br />
                <span className="muted">{node.user.email}</span>
              </td>
              <td>{node.items.map((item) => `${item.quantity} × ${item.productName}`).join(', ')}</td>
              <td>
                {money(node.total)}
                {node.refunded.amount > 0 && <span className="muted"> (refunded {money(node.refunded)})</span>}
              </td>
              <td>
                <span className={`status ${node.status}`} data-testid="admin-order-status">
                  {node.status}
                </span>
                {node.shipment && (
                  <span className="muted">
                    {' '}
                    {node.shipment.carrier} {node.shipment.trackingNumber}
                  </span>
                )}
              </td>
              <td>
                <OrderActions orderId={node.id} status={node.status} refundable={node.paid.amount - node.refunded.amount} onDone={() => void refetch()} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderActions({ orderId, status, refundable, onDone }: { orderId: string; status: OrderStatus; refundable: number; onDone: () => void }) {
  const [ship, shipping] = useMutation(AdminShipOrderMutation);
  const [deliver, delivering] = useMutation(AdminDeliverOrderMutation);
  const [refund, refunding] = useMutation(AdminRefundOrderMutation);
  const [carrier, setCarrier] = useState('DHL');
  const [trackingNumber, setTrackingNumber] = useState('');
  const { failure, run } = useAction();
  const onShip = (event: FormEvent) => {
    event.preventDefault();
    void run(() => ship({ variables: { orderId, carrier, trackingNumber } }).then(onDone));
  };
  return (
    <div className="actions">
      {status === 'PAID' && (
        <form onSubmit={onShip}>
          <input aria-label="Carrier" placeholder="Carrier" value={carrier} onChange={(event) => setCarrier(event.target.value)} required />
          <input
            aria-label="Tracking number"
            placeholder="Tracking number"
            value={trackingNumber}
            onChange={(event) => setTrackingNumber(event.target.value)}
            required
          />
          <button disabled={shipping.loading}>Ship</button>
        </form>
      )}
      {status === 'SHIPPED' && (
        <button disabled={delivering.loading} onClick={() => void run(() => deliver({ variables: { orderId } }).then(onDone))}>
          Mark delivered
        </button>
      )}
      {refundable > 0 && status !== 'REFUNDED' && (
        <button
          disabled={refunding.loading}
          onClick={() => void run(() => refund({ variables: { orderId, reason: 'Refunded from the back office' } }).then(onDone))}
        >
          Refund all
        </button>
      )}
      {failure && <p className="error">{failure}</p>}
    </div>
  );
}
