import { DEMO_HISTORY_DAYS, buildDemoOrders, demoHistoryEnd, demoOrders, demoReviews, demoStock, demoStockMovements, type DemoOrder } from '../src';

const DAY_MS = 86_400_000;
const start = demoHistoryEnd.getTime() - DEMO_HISTORY_DAYS * DAY_MS;
const within = (at: Date) => at.getTime() >= start && at.getTime() < demoHistoryEnd.getTime();

/** What is wrong with one order's story, if anything: the seeds and analytics both trust it. */
function problemsOf(order: DemoOrder): string[] {
  const problems: string[] = [];
  order.history.forEach((change, index) => {
    const previous = order.history[index - 1];
    if (change.sequence !== index) problems.push(`sequence ${change.sequence} at ${index}`);
    if (change.from !== (previous?.to ?? null)) problems.push(`change ${index} from ${change.from}, not ${previous?.to}`);
    if (previous && change.at < previous.at) problems.push(`change ${index} before the one it follows`);
    if (!within(change.at)) problems.push(`change ${index} outside the year`);
  });
  if (order.history.at(-1)?.to !== order.status) problems.push(`history ends ${order.history.at(-1)?.to}, status ${order.status}`);
  const total = order.items.reduce((sum, item) => sum + item.unitPriceCents * item.quantity, 0);
  if (total !== order.totalCents) problems.push('total is not the sum of the lines');
  const paid = order.history.some((change) => change.to === 'PAID');
  if (order.paidCents !== (paid ? total : 0)) problems.push(`paid ${order.paidCents} of ${total}`);
  const captures = order.payments.filter((payment) => payment.operation === 'CAPTURE' && payment.outcome === 'SUCCEEDED');
  if (captures.length !== (paid ? 1 : 0)) problems.push(`${captures.length} captures`);
  const refunded = order.refunds.reduce((sum, refund) => sum + refund.amountCents, 0);
  const refundCalls = order.payments.filter((payment) => payment.operation === 'REFUND').reduce((sum, payment) => sum + payment.amountCents, 0);
  if (refunded !== order.refundedCents || refundCalls !== refunded)
    problems.push(`refunds ${refunded}, calls ${refundCalls}, on the order ${order.refundedCents}`);
  if ((order.refundedCents > 0 ? order.refunds.at(-1)!.refundedTotalCents : 0) !== order.refundedCents)
    problems.push('refunded total does not end at refunded_cents');
  const inFull = order.refundedCents > 0 && order.refundedCents === order.paidCents;
  if (inFull !== (order.status === 'REFUNDED' || order.status === 'CANCELLED')) problems.push(`refunded in full: ${inFull}, status ${order.status}`);
  if ((order.shipment !== null) !== order.history.some((change) => change.to === 'SHIPPED')) problems.push('shipment without shipping, or the other way');
  return problems;
}

test('the year of orders is the same on every build, a few a day, and every order tells a consistent story', () => {
  expect(buildDemoOrders()).toEqual(demoOrders);
  expect(demoOrders.length).toBeGreaterThan(800);
  expect(demoOrders.length).toBeLessThan(1_500);
  expect(demoOrders.every((order) => within(order.createdAt))).toBe(true);
  expect(new Set(demoOrders.map((order) => order.id)).size).toBe(demoOrders.length);
  // Every week of the year has orders.
  const weeks = new Set(demoOrders.map((order) => Math.floor((order.createdAt.getTime() - start) / (7 * DAY_MS))));
  expect(weeks.size).toBe(Math.ceil(DEMO_HISTORY_DAYS / 7));
  expect(demoOrders.flatMap((order) => problemsOf(order).map((problem) => `${order.id}: ${problem}`))).toEqual([]);
  const statuses = new Set(demoOrders.map((order) => order.status));
  expect([...statuses].sort()).toEqual(['CANCELLED', 'DELIVERED', 'PAID', 'PAYMENT_FAILED', 'REFUNDED', 'SHIPPED']);
  expect(demoOrders.filter((order) => order.refundedCents > 0 && order.refundedCents < order.paidCents).length).toBeGreaterThan(20);
});

test('each product’s stock movements count up its versions, never go below zero, and end at its demo stock', () => {
  const problems: string[] = [];
  for (const row of demoStock) {
    const movements = demoStockMovements.filter((movement) => movement.productId === row.productId);
    let onHand = 0;
    movements.forEach((movement, index) => {
      onHand += movement.delta;
      if (movement.version !== index + 1) problems.push(`${row.productId}: version ${movement.version} at ${index}`);
      if (movement.onHand !== onHand || onHand < 0)
        problems.push(`${row.productId}: ${movement.onHand} on hand after version ${movement.version}, summed ${onHand}`);
      if (!within(movement.at) || (index > 0 && movement.at <= movements[index - 1]!.at))
        problems.push(`${row.productId}: version ${movement.version} out of time`);
    });
    if (onHand !== row.onHand) problems.push(`${row.productId}: ends at ${onHand}, not ${row.onHand}`);
  }
  expect(problems).toEqual([]);
  const stockOuts = demoStockMovements.filter((movement) => movement.onHand === 0 && movement.version > 1);
  expect(stockOuts.length).toBeGreaterThan(50);
});

test('the demo reviews are spread over the year', () => {
  expect(demoReviews.every((review) => within(review.createdAt))).toBe(true);
  const months = new Set(demoReviews.map((review) => review.createdAt.toISOString().slice(0, 7)));
  expect(months.size).toBeGreaterThanOrEqual(12);
});
