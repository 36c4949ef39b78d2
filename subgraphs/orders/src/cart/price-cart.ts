import { fetchAvailableUnits } from '../peers/inventory';
import type { PeerClient } from '../peers/peer-client';
import { fetchCatalogProducts } from '../peers/products';
import { CART_TTL_SECONDS, type StoredCart } from './cart-store';

export type CartLineProblem = 'ARCHIVED' | 'UNKNOWN_PRODUCT' | 'OUT_OF_STOCK' | 'NOT_ENOUGH_STOCK' | 'PRICE_CHANGED';

export interface PricedCartLine {
  productId: string;
  productName: string;
  quantity: number;
  unitPriceCents: number;
  seenPriceCents: number;
  available: number;
  currency: string;
  problems: CartLineProblem[];
}

export interface PricedCart {
  lines: PricedCartLine[];
  subtotalCents: number;
  currency: string;
  updatedAt: Date;
  expiresAt: Date;
}

/** Prices a cart from the catalog as it is now (never from anything a client sent) and flags lines that cannot be bought. */
export async function priceCart(peers: PeerClient, cart: StoredCart): Promise<PricedCart> {
  const ids = cart.lines.map((line) => line.productId);
  const [products, available] = await Promise.all([fetchCatalogProducts(peers, ids), fetchAvailableUnits(peers, ids)]);
  const lines = cart.lines.map((line): PricedCartLine => {
    const product = products.get(line.productId);
    const units = available.get(line.productId) ?? 0;
    const problems: CartLineProblem[] = [];
    if (!product) problems.push('UNKNOWN_PRODUCT');
    if (product?.archived) problems.push('ARCHIVED');
    if (units === 0) problems.push('OUT_OF_STOCK');
    else if (units < line.quantity) problems.push('NOT_ENOUGH_STOCK');
    if (product && product.priceCents !== line.seenPriceCents) problems.push('PRICE_CHANGED');
    return {
      productId: line.productId,
      productName: product?.name ?? '',
      quantity: line.quantity,
      unitPriceCents: product?.priceCents ?? line.seenPriceCents,
      seenPriceCents: line.seenPriceCents,
      available: units,
      currency: product?.currency ?? 'USD',
      problems,
    };
  });
  const updatedAt = new Date(cart.updatedAt);
  return {
    lines,
    subtotalCents: lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0),
    currency: 'USD',
    updatedAt,
    expiresAt: new Date(updatedAt.getTime() + CART_TTL_SECONDS * 1000),
  };
}
