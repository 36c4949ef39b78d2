import { demoProducts } from './catalog';
import { demoId, seededRandom, pick, daysBefore } from './deterministic';
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

export interface DemoOrderItem {
  productId: string;
  productName: string;
  unitPriceCents: number;
  quantity: number;
}

export interface DemoOrder {
  id: string;
  userId: string;
  status: 'DELIVERED' | 'SHIPPED' | 'PAID';
  currency: 'USD';
  createdAt: Date;
  items: DemoOrderItem[];
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
  onHand: index % 10 === 9 ? 0 : index % 7 === 3 ? 3 : 20 + ((index * 37) % 180),
  lowStockThreshold: 5,
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
        createdAt: daysBefore(200 - (index % 200), 9 + k),
      });
    });
  });
  return reviews;
}

function buildOrders() {
  const random = seededRandom(4242);
  const statuses = ['DELIVERED', 'DELIVERED', 'SHIPPED', 'PAID'] as const;
  const orders: DemoOrder[] = [];
  customers.forEach((customer, c) => {
    for (let k = 0; k < 2 + (c % 2); k += 1) {
      const items = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, demoProducts));
      const unique = [...new Map(items.map((item) => [item.id, item])).values()];
      orders.push({
        id: demoId('order', `${customer.id}:${k}`),
        userId: customer.id,
        status: pick(random, statuses),
        currency: 'USD',
        createdAt: daysBefore(90 - c * 3 - k, 15),
        items: unique.map((product) => ({
          productId: product.id,
          productName: product.name,
          unitPriceCents: product.priceCents,
          quantity: 1 + Math.floor(random() * 2),
        })),
      });
    }
  });
  return orders;
}

export const demoReviews: readonly DemoReview[] = buildReviews();
export const demoOrders: readonly DemoOrder[] = buildOrders();
