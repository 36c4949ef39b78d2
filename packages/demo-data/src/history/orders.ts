import { demoProducts } from '../catalog';
import { demoId, pick, seededRandom } from '../deterministic';
import { DEMO_CUSTOMER_EMAIL, demoUsers } from '../people';
import { addHours, DEMO_HISTORY_DAYS, demoHistoryEnd, historyTime } from './clock';

export type DemoOrderStatus = 'PAID' | 'PAYMENT_FAILED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED';

export interface DemoOrderItem {
  productId: string;
  productName: string;
  unitPriceCents: number;
  quantity: number;
}

/** One entry of an order's status history; sequence 0 is its placement (PENDING, no `from`). */
export interface DemoStatusChange {
  sequence: number;
  from: DemoOrderStatus | 'PENDING' | null;
  to: DemoOrderStatus | 'PENDING';
  reason: string;
  at: Date;
}

/** A call to the (simulated) payment provider, as the orders subgraph records it. */
export interface DemoPayment {
  operation: 'AUTHORIZE' | 'CAPTURE' | 'REFUND';
  outcome: 'SUCCEEDED' | 'DECLINED';
  amountCents: number;
  /** The provider's id (null when it declined). */
  reference: string | null;
  idempotencyKey: string;
  message: string | null;
  at: Date;
}

/** Money given back, whole or in part, with what had been refunded in all after it. */
export interface DemoRefund {
  amountCents: number;
  refundedTotalCents: number;
  reason: string;
  at: Date;
}

export interface DemoOrder {
  id: string;
  userId: string;
  status: DemoOrderStatus;
  currency: 'USD';
  createdAt: Date;
  items: DemoOrderItem[];
  totalCents: number;
  paidCents: number;
  refundedCents: number;
  history: DemoStatusChange[];
  payments: DemoPayment[];
  refunds: DemoRefund[];
  shipment: { carrier: string; trackingNumber: string } | null;
}

const customers = demoUsers.filter((user) => user.role === 'CUSTOMER');
const demoCustomer = demoUsers.find((user) => user.email === DEMO_CUSTOMER_EMAIL)!;
/** The demo customer gets every third order of the last days, so their history has orders still paid or on the way. */
const RECENT_DAYS = 6;
const CARRIERS = ['UPS', 'DHL', 'USPS', 'FedEx'];
const REFUND_REASONS = ['damaged in transit', 'not as described', 'arrived late', 'changed my mind'];
const PARTIAL_REASONS = ['one item damaged', 'goodwill credit', 'missing part', 'price adjustment'];

/**
 * Orders a day: about three, more at weekends, a summer dip and a November-December peak, growing
 * slowly over the year (day 0 is the last day of the history).
 */
function expectedOrders(daysAgo: number, at: Date): number {
  const weekday = at.getUTCDay();
  const week = weekday === 0 || weekday === 6 ? 1.35 : weekday === 1 ? 0.8 : 1;
  const month = at.getUTCMonth();
  const season = month === 10 || month === 11 ? 1.6 : month >= 5 && month <= 7 ? 0.75 : 1;
  const growth = 0.8 + 0.4 * (1 - daysAgo / DEMO_HISTORY_DAYS);
  return 2.6 * week * season * growth;
}

/** What happens to an order after checkout; times are hours after placement. */
type Story = 'FAILED' | 'CANCELLED' | 'REFUNDED' | 'PARTIAL' | 'KEPT';

function storyOf(roll: number): Story {
  if (roll < 0.06) return 'FAILED';
  if (roll < 0.09) return 'CANCELLED';
  if (roll < 0.13) return 'REFUNDED';
  if (roll < 0.18) return 'PARTIAL';
  return 'KEPT';
}

class OrderWriter {
  readonly history: DemoStatusChange[] = [];
  readonly payments: DemoPayment[] = [];
  readonly refunds: DemoRefund[] = [];
  status: DemoOrderStatus | 'PENDING' = 'PENDING';
  paidCents = 0;
  refundedCents = 0;

  constructor(
    readonly id: string,
    readonly totalCents: number,
    readonly placedAt: Date,
  ) {
    this.history.push({ sequence: 0, from: null, to: 'PENDING', reason: 'checkout', at: placedAt });
  }

  /** False (and nothing written) when `at` is not before the end of the history. */
  move(to: DemoOrderStatus, reason: string, at: Date): boolean {
    if (at >= demoHistoryEnd) return false;
    this.history.push({ sequence: this.history.length, from: this.status, to, reason, at });
    this.status = to;
    return true;
  }

  pay(at: Date, n: number): void {
    this.payment('AUTHORIZE', 'SUCCEEDED', this.totalCents, `sim_auth_demo_${n}`, 'authorize', at);
    this.payment('CAPTURE', 'SUCCEEDED', this.totalCents, `sim_capture_demo_${n}`, 'capture', at);
    this.paidCents = this.totalCents;
  }

  refund(amountCents: number, reason: string, at: Date, n: number, key: string): void {
    const refunded = this.refundedCents + amountCents;
    this.payment('REFUND', 'SUCCEEDED', amountCents, `sim_refund_demo_${n}_${refunded}`, key, at);
    this.refunds.push({ amountCents, refundedTotalCents: refunded, reason, at });
    this.refundedCents = refunded;
  }

  payment(operation: DemoPayment['operation'], outcome: DemoPayment['outcome'], amountCents: number, reference: string | null, key: string, at: Date) {
    const message = outcome === 'DECLINED' ? 'card declined' : null;
    this.payments.push({ operation, outcome, amountCents, reference, idempotencyKey: `${this.id}:${key}`, message, at });
  }
}

function buildOrder(random: () => number, n: number, daysAgo: number): DemoOrder {
  const someone = pick(random, customers);
  const customer = daysAgo <= RECENT_DAYS && n % 3 === 0 ? demoCustomer : someone;
  const placedAt = historyTime(daysAgo, 7 + Math.floor(random() * 15), Math.floor(random() * 60));
  const picked = Array.from({ length: 1 + Math.floor(random() * random() * 3.5) }, () => pick(random, demoProducts));
  const items = [...new Map(picked.map((product) => [product.id, product])).values()].map((product) => ({
    productId: product.id,
    productName: product.name,
    unitPriceCents: product.priceCents,
    quantity: random() < 0.75 ? 1 : 2,
  }));
  const id = demoId('order', `history:${n}`);
  const order = new OrderWriter(
    id,
    items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0),
    placedAt,
  );
  const story = storyOf(random());
  let shipment: DemoOrder['shipment'] = null;
  const paidAt = addHours(placedAt, 0.01);
  if (story === 'FAILED') {
    order.payment('AUTHORIZE', 'DECLINED', order.totalCents, null, 'authorize', paidAt);
    order.move('PAYMENT_FAILED', 'payment declined: card declined', paidAt);
  } else {
    order.pay(paidAt, n);
    order.move('PAID', 'payment captured', paidAt);
    if (story === 'CANCELLED') {
      const at = addHours(placedAt, 1 + random() * 20);
      if (order.move('CANCELLED', 'changed my mind', at)) {
        order.refund(order.totalCents, 'changed my mind', at, n, 'refund-on-cancel');
      }
    } else {
      const carrier = pick(random, CARRIERS);
      const trackingNumber = `${carrier.slice(0, 2).toUpperCase()}-DEMO-${String(n).padStart(5, '0')}`;
      if (order.move('SHIPPED', `shipped with ${carrier}`, addHours(placedAt, 18 + random() * 30))) {
        shipment = { carrier, trackingNumber };
        if (order.move('DELIVERED', 'delivered', addHours(placedAt, 70 + random() * 60))) {
          const refundAt = addHours(placedAt, 150 + random() * 200);
          if (story === 'REFUNDED' && refundAt < demoHistoryEnd) {
            const reason = pick(random, REFUND_REASONS);
            order.refund(order.totalCents, reason, refundAt, n, `refund:0-${order.totalCents}`);
            order.move('REFUNDED', reason, refundAt);
          } else if (story === 'PARTIAL' && refundAt < demoHistoryEnd) {
            const amount = Math.max(100, Math.round((order.totalCents * (0.15 + random() * 0.35)) / 100) * 100);
            if (amount < order.totalCents) order.refund(amount, pick(random, PARTIAL_REASONS), refundAt, n, `refund:0-${amount}`);
          }
        }
      }
    }
  }
  return {
    id,
    userId: customer.id,
    status: order.status as DemoOrderStatus,
    currency: 'USD',
    createdAt: placedAt,
    items,
    totalCents: order.totalCents,
    paidCents: order.paidCents,
    refundedCents: order.refundedCents,
    history: order.history,
    payments: order.payments,
    refunds: order.refunds,
    shipment,
  };
}

/** A year of orders, a few a day, oldest first. */
export function buildDemoOrders(): DemoOrder[] {
  const random = seededRandom(4242);
  const orders: DemoOrder[] = [];
  for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
    const expected = expectedOrders(daysAgo, historyTime(daysAgo));
    const count = Math.floor(expected + random());
    for (let k = 0; k < count; k += 1) orders.push(buildOrder(random, orders.length + 1, daysAgo));
  }
  return orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
}
