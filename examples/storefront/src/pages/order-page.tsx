import { useQuery } from '@apollo/client/react';
import { errorMessage, money, when } from '../format';
import { OrderQuery } from '../operations';
import { useOrderStatusFeed } from '../order-status-feed';
import { useSession } from '../use-session';

/** One order, its status kept live by orderStatusChanged (resumed from the last cursor after a drop). */
export function OrderPage({ orderId }: { orderId: string }) {
  const session = useSession();
  const { data, error } = useQuery(OrderQuery, { variables: { id: orderId }, skip: !session, fetchPolicy: 'cache-and-network' });
  const feed = useOrderStatusFeed(orderId, Boolean(session));
  if (!session)
    return (
      <p className="panel">
        <a href={`#/login?next=${encodeURIComponent(`/orders/${orderId}`)}`}>Sign in</a> to see this order.
      </p>
    );
  if (error) return <p className="error">{errorMessage(error)}</p>;
  const order = data?.order;
  if (!order) return <p className="muted">Loading…</p>;
  const status = feed.events.at(-1)?.status ?? order.status;
  const shipment = feed.events.at(-1)?.order.shipment ?? order.shipment;
  return (
    <section className="panel order">
      <h1>
        Order <code>{order.id.slice(0, 8)}</code>{' '}
        <span className={`status ${status}`} data-testid="order-status">
          {status}
        </span>
      </h1>
      <p className="muted">
        Placed {when(order.createdAt)} ·{' '}
        <span data-testid="live-state" className={feed.connection}>
          {feed.connection === 'live' ? '● live' : feed.connection === 'reconnecting' ? '○ reconnecting…' : '○ connecting…'}
        </span>
      </p>
      {feed.error && <p className="error">{feed.error}</p>}
      {shipment && (
        <p>
          Shipped with {shipment.carrier}, tracking <code>{shipment.trackingNumber}</code>
        </p>
      )}
      <table className="lines">
        <tbody>
          {order.items.map((item) => (
            <tr key={item.product.id}>
              <td>
                <a href={`#/product/${item.product.slug}`}>{item.productName}</a>
              </td>
              <td>{item.quantity} ×</td>
              <td>{money(item.unitPrice)}</td>
              <td>{money(item.lineTotal)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="total">Total {money(order.total)}</p>
      {order.shippingAddress && (
        <p className="muted">
          To {order.shippingAddress.recipient}, {order.shippingAddress.line1}, {order.shippingAddress.postalCode} {order.shippingAddress.city},{' '}
          {order.shippingAddress.country}
        </p>
      )}
      <h2>Live status</h2>
      <ol className="timeline" data-testid="status-timeline">
        {feed.events.map((event) => (
          <li key={event.cursor}>
            {event.previousStatus ? `${event.previousStatus} → ` : ''}
            <strong>{event.status}</strong> <span className="muted">{when(event.at)}</span>
          </li>
        ))}
      </ol>
      <h2>Payments</h2>
      <ul className="plain">
        {order.payments.map((payment, index) => (
          <li key={index}>
            {payment.operation.toLowerCase()} {money(payment.amount)} {payment.cardLast4 ? `card •••• ${payment.cardLast4}` : ''}:{' '}
            {payment.outcome.toLowerCase()}
          </li>
        ))}
      </ul>
    </section>
  );
}
