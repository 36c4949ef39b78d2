import { badUserInput, notFound, parseId, parseInput } from '@shopgraph/server';
import { z } from 'zod';
import type { Commerce } from '../commerce';
import { fetchCatalogProducts } from '../peers/products';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type StoredCart } from './cart-store';
import { priceCart, type PricedCart } from './price-cart';

const quantityInput = z.object({
  quantity: z.number().int().min(1, 'must be at least 1 (removeFromCart takes a line out)').max(MAX_LINE_QUANTITY, `must be at most ${MAX_LINE_QUANTITY}`),
});

/** The product as a cart may hold it: it exists, is for sale, and is priced in the shop's currency. */
async function sellableProduct(commerce: Commerce, productId: string) {
  const product = (await fetchCatalogProducts(commerce.peers, [productId])).get(productId);
  if (!product) throw badUserInput('No product has this id', 'productId');
  if (product.archived) throw badUserInput('This product was archived and can no longer be bought', 'productId');
  if (product.currency !== 'USD') throw badUserInput('This product is not sold in USD', 'productId');
  return product;
}

export async function addToCart(commerce: Commerce, userId: string, rawProductId: string, rawQuantity: number): Promise<PricedCart> {
  const productId = parseId(rawProductId, 'productId');
  const { quantity } = parseInput(quantityInput, { quantity: rawQuantity });
  const product = await sellableProduct(commerce, productId);
  const cart = await commerce.carts.load(userId);
  const existing = cart.lines.find((line) => line.productId === productId);
  if (!existing && cart.lines.length >= MAX_CART_LINES) throw badUserInput(`A cart holds at most ${MAX_CART_LINES} products`, 'productId');
  const total = (existing?.quantity ?? 0) + quantity;
  if (total > MAX_LINE_QUANTITY)
    throw badUserInput(`"quantity": a line holds at most ${MAX_LINE_QUANTITY} units (this one has ${existing?.quantity ?? 0})`, 'quantity');
  const lines = existing
    ? cart.lines.map((line) => (line.productId === productId ? { ...line, quantity: total, seenPriceCents: product.priceCents } : line))
    : [...cart.lines, { productId, quantity, seenPriceCents: product.priceCents }];
  return priceCart(commerce.peers, await commerce.carts.save(userId, lines));
}

export async function setCartItemQuantity(commerce: Commerce, userId: string, rawProductId: string, rawQuantity: number): Promise<PricedCart> {
  const productId = parseId(rawProductId, 'productId');
  const { quantity } = parseInput(quantityInput, { quantity: rawQuantity });
  const cart = await commerce.carts.load(userId);
  if (!cart.lines.some((line) => line.productId === productId)) throw notFound('This product is not in the cart');
  const lines = cart.lines.map((line) => (line.productId === productId ? { ...line, quantity } : line));
  return priceCart(commerce.peers, await commerce.carts.save(userId, lines));
}

export async function removeFromCart(commerce: Commerce, userId: string, rawProductId: string): Promise<PricedCart> {
  const productId = parseId(rawProductId, 'productId');
  const cart = await commerce.carts.load(userId);
  const lines = cart.lines.filter((line) => line.productId !== productId);
  const saved: StoredCart = lines.length === cart.lines.length ? cart : await commerce.carts.save(userId, lines);
  return priceCart(commerce.peers, saved);
}
