import type { OrderRow } from '../db/schema';

/** What checkout answers: one of the CheckoutResult union's members, tagged for __resolveType. */
export interface OrderPlacedResult {
  __typename: 'OrderPlaced';
  order: OrderRow;
}

export interface PaymentFailedResult {
  __typename: 'PaymentFailed';
  order: OrderRow;
  reason: string;
}

export interface OutOfStockResult {
  __typename: 'CheckoutOutOfStock';
  productIds: string[];
}

export interface PriceChangeRow {
  productId: string;
  previousCents: number;
  currentCents: number;
}

export interface PriceChangedResult {
  __typename: 'PriceChanged';
  lines: PriceChangeRow[];
}

export type CheckoutResult = OrderPlacedResult | PaymentFailedResult | OutOfStockResult | PriceChangedResult;
