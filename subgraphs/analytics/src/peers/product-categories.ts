import { ANONYMOUS, signSubgraphRequest } from '@shopgraph/auth';
import { localRoutingUrl, type ServiceName } from '@shopgraph/config';

/** A consumer waiting longer than this on the products subgraph fails the delivery, which is then retried. */
const PRODUCTS_TIMEOUT_MS = 10_000;

const CATEGORIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id category { id } } } }`;

export interface ProductsPeer {
  secret: string;
  urls: () => Partial<Record<ServiceName, string>>;
}

export type CategoryLookup = (productIds: readonly string[]) => Promise<Map<string, string>>;

/**
 * The category of each product, asked of the products subgraph directly (signed like the
 * gateway's calls): OrderCreated carries product ids only, and top categories need them grouped.
 * Products it does not know are absent. Any failure throws, so the event is delivered again.
 */
export function productCategoryLookup(peer: ProductsPeer): CategoryLookup {
  return async (productIds) => {
    if (productIds.length === 0) return new Map();
    const body = JSON.stringify({ query: CATEGORIES, variables: { r: productIds.map((id) => ({ __typename: 'Product', id })) } });
    const response = await fetch(peer.urls().products ?? localRoutingUrl('products'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signSubgraphRequest(peer.secret, ANONYMOUS, body) },
      body,
      signal: AbortSignal.timeout(PRODUCTS_TIMEOUT_MS),
    });
    const parsed = (await response.json()) as { data?: { _entities: ({ id: string; category: { id: string } } | null)[] }; errors?: { message: string }[] };
    if (!parsed.data || parsed.errors?.length) throw new Error(`products: ${parsed.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
    return new Map(parsed.data._entities.flatMap((entity) => (entity?.id ? [[entity.id, entity.category.id] as const] : [])));
  };
}
