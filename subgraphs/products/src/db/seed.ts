import { demoCategories, demoProducts, demoReviews, demoStock } from '@shopgraph/demo-data';
import type { ProductsDb } from './database';
import { categories, products, productSignals } from './schema';

/** The demo shop's stock and ratings as inventory and reviews seed them, before any event arrives. */
function demoSignals() {
  return demoProducts.map((product) => {
    const ratings = demoReviews.filter((review) => review.productId === product.id && review.status === 'APPROVED').map((review) => review.rating);
    const available = demoStock.find((row) => row.productId === product.id)?.onHand ?? 0;
    const ratingAverage = ratings.length > 0 ? ratings.reduce((sum, rating) => sum + rating, 0) / ratings.length : null;
    return { productId: product.id, available, ratingAverage, ratingCount: ratings.length };
  });
}

/** Loads the demo catalog; rows that exist already are left as they are, so it can run at every start. */
export async function seedProducts(db: ProductsDb): Promise<void> {
  await db.transaction(async (tx) => {
    // Parents before children, so the foreign key holds row by row.
    const ordered = [...demoCategories].sort((a, b) => Number(a.parentId !== null) - Number(b.parentId !== null));
    await tx.insert(categories).values(ordered).onConflictDoNothing();
    await tx
      .insert(products)
      .values([...demoProducts])
      .onConflictDoNothing();
    await tx.insert(productSignals).values(demoSignals()).onConflictDoNothing();
  });
}
