import { demoProducts } from './catalog';
import { demoId, seededRandom, pick } from './deterministic';
import { historyTime } from './history/clock';
import { buildDemoOrders, type DemoOrder } from './history/orders';
import { DEMO_LOW_STOCK_THRESHOLD, finalOnHand } from './history/stock';
import { demoUsers } from './people';

export interface DemoStock {
  productId: string;
  onHand: number;
  lowStockThreshold: number;
}

export interface DemoReview {
  id: string;
  productId: string;
  authorId: string;
  rating: number;
  title: string;
  body: string;
  status: 'APPROVED' | 'PENDING';
  createdAt: Date;
}

const TITLES: Record<number, string[]> = {
  1: ['Broke in a week', 'Not as described'],
  2: ['Disappointing', 'Meh'],
  3: ['Does the job', 'Okay for the price'],
  4: ['Really good', 'Would buy again'],
  5: ['Love it', 'Perfect', 'Best purchase this year'],
};

const customers = demoUsers.filter((user) => user.role === 'CUSTOMER');

export const demoStock: readonly DemoStock[] = demoProducts.map((product, index) => ({
  productId: product.id,
  // Every tenth product is sold out and every seventh is low, so availability looks real.
  onHand: finalOnHand(index),
  lowStockThreshold: DEMO_LOW_STOCK_THRESHOLD,
}));

function buildReviews() {
  const random = seededRandom(777);
  const reviews: DemoReview[] = [];
  demoProducts.forEach((product, index) => {
    const count = index % 4; // 0..3 reviews per product
    const authors = [...customers].sort(() => random() - 0.5).slice(0, count);
    authors.forEach((author, k) => {
      const rating = Math.max(1, Math.min(5, Math.round(3.6 + (random() - 0.4) * 3)));
      reviews.push({
        id: demoId('review', `${product.id}:${author.id}`),
        productId: product.id,
        authorId: author.id,
        rating,
        title: pick(random, TITLES[rating] ?? ['Fine']),
        body: `${rating >= 4 ? 'Happy with' : 'Not thrilled by'} the ${product.name.toLowerCase()}.`,
        status: k === 2 ? 'PENDING' : 'APPROVED',
        // Spread over the year of history (at most one product's reviews a day).
        createdAt: historyTime(5 + ((index * 7) % 355), 9 + k),
      });
    });
  });
  return reviews;
}

export const demoReviews: readonly DemoReview[] = buildReviews();
/** A year of orders (about 1,200), oldest first: paid, declined, cancelled, shipped, delivered, refunded in whole or in part. */
export const demoOrders: readonly DemoOrder[] = buildDemoOrders();

/** A customer's newest demo orders first, as `User.orders(first)` lists them (ties by id, descending). */
export function newestDemoOrdersOf(userId: string, first: number): DemoOrder[] {
  return demoOrders
    .filter((order) => order.userId === userId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
    .slice(0, first);
}
