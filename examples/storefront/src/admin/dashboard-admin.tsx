import { useQuery } from '@apollo/client/react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { errorMessage, money } from '../format';
import { AdminDashboardQuery } from './admin-operations';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The analytics subgraph folds events in as they arrive: the dashboard asks again this often. */
const REFRESH_MS = 3_000;

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The last 30 days from the analytics subgraph, in the viewer's own time zone. */
export function DashboardAdmin() {
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Whole days: the same variables on every refresh, so Apollo keeps one cache entry.
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const variables = { from: new Date(today - 29 * DAY_MS).toISOString(), to: new Date(today + 2 * DAY_MS).toISOString(), timeZone };
  const { data, error } = useQuery(AdminDashboardQuery, { variables, pollInterval: REFRESH_MS, fetchPolicy: 'cache-and-network' });
  if (error) return <p className="error">{errorMessage(error)}</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const days = data.salesByPeriod;
  const currency = days[0]?.grossRevenue.currency ?? 'USD';
  const net = days.reduce((sum, day) => sum + day.netRevenue.amount, 0);
  const orders = days.reduce((sum, day) => sum + day.orders, 0);
  const paid = days.reduce((sum, day) => sum + day.paidOrders, 0);
  const gross = days.reduce((sum, day) => sum + day.grossRevenue.amount, 0);
  const rates = data.paymentRates;
  const chart = days.map((day) => ({ day: day.label.slice(5), revenue: day.netRevenue.amount / 100, orders: day.orders }));
  return (
    <div data-testid="dashboard">
      <h1>Last 30 days</h1>
      <div className="kpis">
        <Kpi label="Net revenue" value={money({ amount: net, currency })} testId="net-revenue" />
        <Kpi label="Orders" value={String(orders)} testId="order-count" />
        <Kpi label="Average order" value={money({ amount: paid ? Math.round(gross / paid) : 0, currency })} testId="average-order" />
        <Kpi
          label="Payment failures"
          value={percent(rates.paymentFailureRate)}
          detail={`${rates.paymentFailures} of ${rates.paymentAttempts} payments`}
          testId="failure-rate"
        />
        <Kpi label="Refund rate" value={percent(rates.refundRate)} detail={`${rates.refundedOrders} of ${rates.paidOrders} paid orders`} testId="refund-rate" />
        <Kpi
          label="Refunded revenue"
          value={percent(rates.refundedRevenueRate)}
          detail={`${money(rates.refundedRevenue)} of ${money(rates.paidRevenue)} paid`}
          testId="refunded-revenue"
        />
      </div>
      <h2>Net revenue per day ({timeZone})</h2>
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={chart}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis />
          <Tooltip />
          <Bar dataKey="revenue" fill="#3b48cc" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <h2>Reviews per week</h2>
      <ResponsiveContainer width="100%" height={160}>
        <LineChart data={data.reviewTrend.map((week) => ({ week: week.label.slice(5), reviews: week.newReviews, rating: week.averageRating }))}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" />
          <YAxis />
          <Tooltip />
          <Line dataKey="reviews" stroke="#3b48cc" isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
      <h2>Top products</h2>
      <table className="lines" data-testid="top-products">
        <tbody>
          {data.topProducts.map((row) => (
            <tr key={row.product.id}>
              <td>{row.product.name}</td>
              <td>{row.units} sold</td>
              <td>{money(row.revenue)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Kpi({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <span className="muted">{label}</span>
      <strong>{value}</strong>
      {detail && <span className="muted">{detail}</span>}
    </div>
  );
}
