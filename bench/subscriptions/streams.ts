// What each benchmark row subscribes to and how the harness makes the changes it follows: order
// status from orders (event fields, or with `order` resolved per event), stock from inventory and
// ratings from reviews (with `product` from the products subgraph). Every stream's event has `at`,
// stamped in the transaction that commits the change, and a `cursor`.
import { demoCategories, demoProducts, demoStock } from '@shopgraph/demo-data';
import type { Selection } from './report';
import { adjustStock, changeStatus, customerEmails, moderateReview, type StatusChange } from './shop';

/** The subscriptions a row opens: listeners get every change; idle subscribers follow something that never changes. */
export interface StreamDocuments {
  listening: string;
  idle: string;
}

/** Who the harness is and what it has placed before the rows run. */
export interface StreamContext {
  platformUrl: string;
  admin: string;
  /** Status changes of the placed orders, used up by the order rows. */
  statusChanges: StatusChange[];
  /** The product the rating rows follow, made for this run, and the review of it they publish and withdraw in turn. */
  ratedProductId: string;
  reviewId: string;
}

const ORDER_FIELDS = 'cursor previousStatus status at';

const changedStock = demoStock[0]!.productId;
const unchangedStock = demoStock[1]!.productId;

/** The customer who writes the benchmark's review: after the buyers and the idle customers. */
export const REVIEWER_EMAIL = customerEmails[customerEmails.length - 1]!;
/** A leaf category for the product each run creates to rate (so a review of it is always new). */
export const RATED_PRODUCT_CATEGORY = demoCategories.find((category) => category.parentId !== null)!.id;
const unratedProduct = demoProducts[1]!.id;

/** The subscriptions of each kind of row. */
export const streamDocuments = (selection: Selection, context: StreamContext): StreamDocuments => documentsOf(context)[selection];

const documentsOf = (context: StreamContext): Record<Selection, StreamDocuments> => ({
  event: {
    listening: `subscription BenchOrderEvents { orderEvents { ${ORDER_FIELDS} } }`,
    idle: `subscription BenchMyOrderUpdates { myOrderUpdates { ${ORDER_FIELDS} } }`,
  },
  order: {
    listening: `subscription BenchOrderEvents { orderEvents { ${ORDER_FIELDS} order { id status } } }`,
    idle: `subscription BenchMyOrderUpdates { myOrderUpdates { ${ORDER_FIELDS} order { id status } } }`,
  },
  stock: {
    listening: `subscription BenchStock { stockChanged(productId: "${changedStock}") { cursor available at } }`,
    idle: `subscription BenchStock { stockChanged(productId: "${unchangedStock}") { cursor available at } }`,
  },
  rating: {
    listening: `subscription BenchRating { ratingChanged(productId: "${context.ratedProductId}") { cursor average count at product { name } } }`,
    idle: `subscription BenchRating { ratingChanged(productId: "${unratedProduct}") { cursor average count at product { name } } }`,
  },
});

/** Makes the next change a row's listeners see. */
export function changeMaker(selection: Selection, context: StreamContext): () => Promise<void> {
  switch (selection) {
    case 'event':
    case 'order':
      return () => {
        const change = context.statusChanges.shift();
        if (!change) throw new Error('ran out of placed orders; raise the count placed in main()');
        return changeStatus(context.platformUrl, context.admin, change);
      };
    case 'stock':
      return () => adjustStock(context.platformUrl, context.admin, changedStock);
    case 'rating': {
      let published = false;
      return () => {
        published = !published;
        return moderateReview(context.platformUrl, context.admin, context.reviewId, published ? 'APPROVED' : 'REJECTED');
      };
    }
  }
}

/** Whether a row's changes use up placed orders. */
export const usesOrders = (selection: Selection) => selection === 'event' || selection === 'order';
