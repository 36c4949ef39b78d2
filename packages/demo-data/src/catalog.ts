import { demoId, seededRandom, pick, daysBefore } from './deterministic';

export interface DemoCategory {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
}

export interface DemoProduct {
  id: string;
  sku: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  currency: 'USD';
  categoryId: string;
  images: string[];
  attributes: Record<string, string>;
  createdAt: Date;
}

const TREE: Record<string, { nouns: string[]; children: string[] }> = {
  Electronics: { nouns: ['Headphones', 'Speaker', 'Charger', 'Keyboard', 'Monitor'], children: ['Audio', 'Computers', 'Accessories'] },
  Home: { nouns: ['Lamp', 'Kettle', 'Blanket', 'Vase', 'Chair'], children: ['Kitchen', 'Furniture', 'Decor'] },
  Outdoors: { nouns: ['Tent', 'Backpack', 'Water Bottle', 'Lantern', 'Hammock'], children: ['Camping', 'Hiking'] },
  Apparel: { nouns: ['Jacket', 'Hoodie', 'T-Shirt', 'Sneakers', 'Cap'], children: ['Men', 'Women', 'Kids'] },
  Books: { nouns: ['Novel', 'Cookbook', 'Field Guide', 'Atlas', 'Journal'], children: ['Fiction', 'Non-fiction'] },
  Toys: { nouns: ['Puzzle', 'Building Set', 'Kite', 'Board Game', 'Plush Bear'], children: ['Games', 'Outdoor Play'] },
};

const ADJECTIVES = ['Classic', 'Compact', 'Deluxe', 'Everyday', 'Featherlight', 'Rugged', 'Smart', 'Vintage', 'Wireless', 'Organic', 'Modular', 'Solar'];
const COLORS = ['black', 'white', 'navy', 'olive', 'sand', 'red', 'teal', 'grey'];
const MATERIALS = ['aluminium', 'oak', 'cotton', 'recycled plastic', 'steel', 'wool', 'bamboo'];

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function buildCategories(): DemoCategory[] {
  const categories: DemoCategory[] = [];
  for (const [top, { children }] of Object.entries(TREE)) {
    const topId = demoId('category', slugify(top));
    categories.push({ id: topId, slug: slugify(top), name: top, parentId: null });
    for (const child of children) {
      const slug = `${slugify(top)}-${slugify(child)}`;
      categories.push({ id: demoId('category', slug), slug, name: child, parentId: topId });
    }
  }
  return categories;
}

export const PRODUCTS_PER_LEAF_CATEGORY = 15;

function buildProducts(categories: DemoCategory[]): DemoProduct[] {
  const random = seededRandom(20260101);
  const products: DemoProduct[] = [];
  const leaves = categories.filter((category) => category.parentId !== null);
  for (const leaf of leaves) {
    const top = categories.find((category) => category.id === leaf.parentId);
    const nouns = TREE[top?.name ?? '']?.nouns ?? ['Item'];
    for (let i = 0; i < PRODUCTS_PER_LEAF_CATEGORY; i += 1) {
      const n = products.length + 1;
      const noun = pick(random, nouns);
      const name = `${pick(random, ADJECTIVES)} ${leaf.name} ${noun} ${n}`;
      const color = pick(random, COLORS);
      const material = pick(random, MATERIALS);
      const slug = slugify(name);
      products.push({
        id: demoId('product', n),
        sku: `SG-${String(n).padStart(5, '0')}`,
        slug,
        name,
        description: `A ${color} ${noun.toLowerCase()} made of ${material}, from our ${leaf.name.toLowerCase()} range. Built to last and easy to love.`,
        priceCents: 499 + Math.floor(random() * 300) * 100 + (n % 2 === 0 ? 99 : 0),
        currency: 'USD',
        categoryId: leaf.id,
        images: [`https://picsum.photos/seed/${slug}/640/480`],
        attributes: { color, material },
        createdAt: daysBefore(400 - n),
      });
    }
  }
  return products;
}

export const demoCategories: readonly DemoCategory[] = buildCategories();
export const demoProducts: readonly DemoProduct[] = buildProducts(buildCategories());
