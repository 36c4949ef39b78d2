import { SERVICE_NAMES, serviceDatabaseUrl, type ServiceName } from '@shopgraph/config';
import postgres, { type Sql } from 'postgres';

/** Order statuses a captured payment may stand behind: the money was taken and the order kept it. */
const KEPT_MONEY = ['PAID', 'SHIPPED', 'DELIVERED', 'REFUNDED'];
/** Orders that gave their stock back: any reservation of theirs must be RELEASED. */
const GAVE_STOCK_BACK = ['PAYMENT_FAILED', 'CANCELLED'];

interface Captured {
  order_id: string;
  status: string | null;
  captures: string[];
  captured_cents: number;
  refunded_cents: number;
}

/** Successful captures per order (distinct provider references: a replayed key is one charge), with the order's status and what was refunded. */
function capturesByOrder(orders: Sql): Promise<Captured[]> {
  return orders<Captured[]>`
    select p.order_id::text, o.status,
      array_agg(distinct coalesce(p.provider_reference, p.provider_idempotency_key)) filter (where p.operation = 'CAPTURE') as captures,
      coalesce(max(p.amount_cents) filter (where p.operation = 'CAPTURE'), 0)::int as captured_cents,
      coalesce(sum(p.amount_cents) filter (where p.operation = 'REFUND'), 0)::int as refunded_cents
    from payments p left join orders o on o.id = p.order_id
    where p.outcome = 'SUCCEEDED' and p.operation in ('CAPTURE', 'REFUND')
    group by p.order_id, o.status
    having bool_or(p.operation = 'CAPTURE')`;
}

function paymentViolations(captured: Captured[]): string[] {
  const violations: string[] = [];
  for (const row of captured) {
    if (row.captures.length > 1) violations.push(`order ${row.order_id} was captured ${row.captures.length} times (${row.captures.join(', ')})`);
    // A paid order cancelled later keeps its capture, but only with all of it refunded.
    const refundedInFull = row.refunded_cents >= row.captured_cents;
    if (!KEPT_MONEY.includes(row.status ?? '') && !refundedInFull) {
      violations.push(
        `order ${row.order_id} has a successful capture of ${row.captured_cents} cents but is ${row.status ?? 'missing'} (refunded ${row.refunded_cents})`,
      );
    }
  }
  return violations;
}

async function reservationViolations(orders: Sql, inventory: Sql): Promise<string[]> {
  const reservations = await inventory<{ order_id: string; status: string }[]>`select order_id::text, status from reservations where status <> 'RELEASED'`;
  if (reservations.length === 0) return [];
  const statuses = new Map(
    (
      await orders<{ id: string; status: string }[]>`select id::text, status from orders where id = any(${reservations.map((row) => row.order_id)}::uuid[])`
    ).map((row) => [row.id, row.status]),
  );
  const violations: string[] = [];
  for (const reservation of reservations) {
    const status = statuses.get(reservation.order_id);
    // A reservation without an order is a checkout that died before inserting it: the hold's expiry frees it.
    if (!status || status === 'PENDING') continue;
    if (reservation.status === 'HELD') violations.push(`order ${reservation.order_id} is ${status} but inventory still holds its reservation`);
    else if (GAVE_STOCK_BACK.includes(status))
      violations.push(`order ${reservation.order_id} is ${status} but inventory took its stock (reservation CONFIRMED)`);
  }
  return violations;
}

async function stockViolations(inventory: Sql, products: Sql): Promise<string[]> {
  const stock = await inventory<{ product_id: string; on_hand: number; reserved: number }[]>`
    select product_id::text, on_hand, reserved from stock where on_hand < 0 or reserved < 0 or reserved > on_hand`;
  const signals = await products<{ product_id: string; available: number }[]>`select product_id::text, available from product_signals where available < 0`;
  return [
    ...stock.map((row) => `product ${row.product_id} has ${row.on_hand} on hand and ${row.reserved} reserved`),
    ...signals.map((row) => `products shows product ${row.product_id} with ${row.available} available`),
  ];
}

/**
 * Reads the five service databases of one platform (`<prefix>_<service>` on the server) and
 * returns one sentence per broken shop invariant; empty when all hold:
 * - no successful capture unless the order is PAID, SHIPPED, DELIVERED or REFUNDED (or was refunded in full),
 * - no reservation HELD for an order past PENDING, none CONFIRMED for one that failed or was cancelled,
 * - stock on hand never negative (nor reserved past it, nor shown negative by products),
 * - at most one successful capture per order.
 */
export async function checkShopInvariants(options: { databaseServerUrl: string; databasePrefix: string }): Promise<string[]> {
  const connections = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      name,
      postgres(serviceDatabaseUrl(name, options.databaseServerUrl, options.databasePrefix, {}), { max: 1, onnotice: () => {} }),
    ]),
  ) as Record<ServiceName, Sql>;
  try {
    // Every database must answer, so a helper pointed at the wrong prefix fails instead of finding nothing wrong.
    await Promise.all(Object.values(connections).map((sql) => sql`select 1`));
    const { orders, inventory, products } = connections;
    const [payments, reservations, stock] = await Promise.all([
      capturesByOrder(orders).then(paymentViolations),
      reservationViolations(orders, inventory),
      stockViolations(inventory, products),
    ]);
    return [...payments, ...reservations, ...stock];
  } finally {
    await Promise.all(Object.values(connections).map((sql) => sql.end({ timeout: 5 })));
  }
}
