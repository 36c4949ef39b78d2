export type Availability = 'IN_STOCK' | 'LOW_STOCK' | 'OUT_OF_STOCK';

export interface StockLevel {
  onHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
}

export const DEFAULT_LOW_STOCK_THRESHOLD = 5;

/** Stock of a product with no stock row: nothing to sell. */
export const NO_STOCK: StockLevel = { onHand: 0, reserved: 0, available: 0, lowStockThreshold: DEFAULT_LOW_STOCK_THRESHOLD };

export function stockLevel(row: { onHand: number; reserved: number; lowStockThreshold: number } | null): StockLevel {
  if (!row) return NO_STOCK;
  return { onHand: row.onHand, reserved: row.reserved, available: row.onHand - row.reserved, lowStockThreshold: row.lowStockThreshold };
}

/** The one rule for what a shopper is told about stock. */
export function availabilityOf(level: StockLevel): Availability {
  if (level.available <= 0) return 'OUT_OF_STOCK';
  if (level.available <= level.lowStockThreshold) return 'LOW_STOCK';
  return 'IN_STOCK';
}
