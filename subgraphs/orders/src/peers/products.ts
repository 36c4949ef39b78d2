import { ANONYMOUS } from '@shopgraph/auth';
import type { PeerClient } from './peer-client';

/** What a cart and a checkout need of a product, read from the products subgraph at that moment. */
export interface CatalogProduct {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  archived: boolean;
}

const PRODUCTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name price { amount currency } archivedAt } } }`;

interface ProductEntity {
  id: string;
  name: string;
  price: { amount: number; currency: string };
  archivedAt: string | null;
}

/** The current name, price and archived flag of each product, by id; unknown ids are absent. One request per call. */
export async function fetchCatalogProducts(peers: PeerClient, productIds: readonly string[]): Promise<Map<string, CatalogProduct>> {
  if (productIds.length === 0) return new Map();
  const data = await peers.request<{ _entities: (ProductEntity | null)[] }>('products', ANONYMOUS, PRODUCTS, {
    r: productIds.map((id) => ({ __typename: 'Product', id })),
  });
  const found = data._entities.filter((entity): entity is ProductEntity => entity !== null && typeof entity.id === 'string');
  return new Map(
    found.map((entity) => [
      entity.id,
      { id: entity.id, name: entity.name, priceCents: entity.price.amount, currency: entity.price.currency, archived: entity.archivedAt !== null },
    ]),
  );
}
