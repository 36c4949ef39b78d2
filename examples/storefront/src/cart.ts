import { useQuery } from '@apollo/client/react';
import { useSyncExternalStore } from 'react';
import type { ApolloClient } from '@apollo/client';
import { AddToCartMutation, CartQuery } from './operations';
import { useSession } from './use-session';

// Carts live on the server per signed-in shopper. Before signing in, a shopper's picks are kept
// here and moved into their server cart when they sign in.
export interface LocalLine {
  productId: string;
  slug: string;
  name: string;
  unitPrice: { amount: number; currency: string };
  quantity: number;
}

const KEY = 'shopgraph.cart';
const listeners = new Set<() => void>();
let snapshot = localStorage.getItem(KEY) ?? '[]';

function write(lines: LocalLine[]): void {
  snapshot = JSON.stringify(lines);
  localStorage.setItem(KEY, snapshot);
  for (const listener of listeners) listener();
}

export function localLines(): LocalLine[] {
  return JSON.parse(snapshot) as LocalLine[];
}

export function useLocalCart(): LocalLine[] {
  const raw = useSyncExternalStore(
    (onChange) => (listeners.add(onChange), () => listeners.delete(onChange)),
    () => snapshot,
  );
  return JSON.parse(raw) as LocalLine[];
}

export function addLocal(line: LocalLine): void {
  const lines = localLines();
  const existing = lines.find((candidate) => candidate.productId === line.productId);
  if (existing) existing.quantity = Math.min(99, existing.quantity + line.quantity);
  else lines.push(line);
  write(lines);
}

export function setLocalQuantity(productId: string, quantity: number): void {
  write(localLines().flatMap((line) => (line.productId !== productId ? [line] : quantity > 0 ? [{ ...line, quantity }] : [])));
}

/** Moves the signed-out picks into the server cart (adding to what is there). */
export async function mergeLocalCart(client: ApolloClient): Promise<void> {
  const lines = localLines();
  if (lines.length === 0) return;
  for (const line of lines) {
    await client.mutate({ mutation: AddToCartMutation, variables: { productId: line.productId, quantity: line.quantity } });
  }
  write([]);
  // Not awaited: the cart badge and pages update when it lands; navigation need not wait.
  void client.refetchQueries({ include: [CartQuery] });
}

/** Units in the cart, for the header: the server's when signed in, else the local one's. */
export function useCartCount(): number {
  const session = useSession();
  const local = useLocalCart();
  const { data } = useQuery(CartQuery, { skip: !session });
  return session ? (data?.cart.itemCount ?? 0) : local.reduce((sum, line) => sum + line.quantity, 0);
}
