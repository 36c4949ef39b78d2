import { demoProducts } from '../catalog';
import { demoId, seededRandom } from '../deterministic';
import { DEMO_HISTORY_DAYS, historyTime } from './clock';

/** A change of a product's stock on hand, with why; the inventory keeps these as its adjustments. */
export interface DemoStockMovement {
  id: string;
  productId: string;
  delta: number;
  /** What the product had on hand after it. */
  onHand: number;
  reason: string;
  at: Date;
  /** The product's stock version after it: 1 for its first movement, then 2, 3... */
  version: number;
}

export const DEMO_LOW_STOCK_THRESHOLD = 5;

/** Where the year ends for each product: every tenth sold out, every seventh low, the rest plenty. */
export function finalOnHand(index: number): number {
  return index % 10 === 9 ? 0 : index % 7 === 3 ? 3 : 20 + ((index * 37) % 180);
}

/**
 * A year of stock movements per product: a first delivery, sales taken off every week or two,
 * restocks some days after the level runs low (so some products sit low or sold out for a while),
 * and a last count that leaves each product at its `finalOnHand`.
 */
function movementsOf(productId: string, index: number, random: () => number): DemoStockMovement[] {
  const movements: DemoStockMovement[] = [];
  let onHand = 0;
  const add = (delta: number, reason: string, daysAgo: number) => {
    if (delta === 0) return;
    onHand += delta;
    const version = movements.length + 1;
    movements.push({
      id: demoId('stock-movement', `${productId}:${version}`),
      productId,
      delta,
      onHand,
      reason,
      at: historyTime(daysAgo, 6 + (version % 12), index % 60),
      version,
    });
  };
  const batch = 25 + Math.floor(random() * 50);
  add(batch, 'first delivery', DEMO_HISTORY_DAYS);
  let restockDue: number | null = null;
  for (let daysAgo = DEMO_HISTORY_DAYS - 3 - Math.floor(random() * 10); daysAgo > 3; daysAgo -= 10 + Math.floor(random() * 11)) {
    if (restockDue !== null && daysAgo <= restockDue) {
      add(batch, 'delivery', daysAgo);
      restockDue = null;
      continue;
    }
    add(-Math.min(onHand, 1 + Math.floor(random() * 12)), 'sales', daysAgo);
    if (onHand <= DEMO_LOW_STOCK_THRESHOLD && restockDue === null) restockDue = daysAgo - 3 - Math.floor(random() * 14);
  }
  add(finalOnHand(index) - onHand, 'stock count', 1 + (index % 3));
  return movements;
}

function buildMovements(): DemoStockMovement[] {
  const random = seededRandom(9001);
  return demoProducts.flatMap((product, index) => movementsOf(product.id, index, random));
}

export const demoStockMovements: readonly DemoStockMovement[] = buildMovements();
