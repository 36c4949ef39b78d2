import type autocannon from 'autocannon';
import { print, type DocumentNode } from 'graphql';
import { CategoryTreeDocument, LowStockDocument, ProductPageDocument, ReviewDetailsDocument, StorefrontProductsDocument } from '@shopgraph/operations';

/** Ids and tokens read from the seeded platform before the run. */
export interface Fixtures {
  slugs: string[];
  reviewId: string;
  /** Access tokens of different demo customers. */
  tokens: string[];
  /** A new access token for the customer behind `tokens[index % tokens.length]`, never the same twice. */
  freshToken(index: number): string;
}

/** One GraphQL request as a client sends it. */
export interface Call {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
  authorization?: string;
}

export interface Workload {
  id: string;
  name: string;
  subgraphs: 'real' | 'memory';
  /** autocannon's request list: each connection cycles through it. */
  requests(): autocannon.Request[];
}

const text = (document: unknown) => print(document as DocumentNode);
const call = (operationName: string, document: unknown, variables: Record<string, unknown>): Call => ({ operationName, query: text(document), variables });

export function bodyOf(c: Call): string {
  return JSON.stringify({ query: c.query, operationName: c.operationName, variables: c.variables });
}

export function headersOf(c: Call): Record<string, string> {
  return { 'content-type': 'application/json', ...(c.authorization ? { authorization: c.authorization } : {}) };
}

/** The storefront's public operations (the ones in packages/operations that need no sign-in). */
export function storefrontMix(fixtures: Fixtures): Call[] {
  return [
    call('StorefrontProducts', StorefrontProductsDocument, { first: 20 }),
    call('ProductPage', ProductPageDocument, { slug: fixtures.slugs[0] }),
    call('CategoryTree', CategoryTreeDocument, {}),
    call('ReviewDetails', ReviewDetailsDocument, { id: fixtures.reviewId }),
    call('LowStock', LowStockDocument, { first: 10 }),
  ];
}

/** The storefront query with a comment that makes its text, and so its plan-cache key, new each time. */
export function uniqueText(sequence: number): Call {
  const base = call('StorefrontProducts', StorefrontProductsDocument, { first: 20 });
  return { ...base, query: `# request ${sequence}\n${base.query}` };
}

/** A product page whose variables and viewer both change from one request to the next. */
export function personalised(fixtures: Fixtures, sequence: number): Call {
  const slug = fixtures.slugs[sequence % fixtures.slugs.length];
  const token = fixtures.tokens[Math.floor(sequence / fixtures.slugs.length) % fixtures.tokens.length];
  return { ...call('ProductPage', ProductPageDocument, { slug }), authorization: `Bearer ${token}` };
}

const SHELF = 'name price { amount currency } stock { available } rating { average count }';
/** A shelf of three products by alias, as a home page asks: the planner plans stock and rating once per alias. */
const THREE_PRODUCTS = `query ThreeProducts($a: String!, $b: String!, $c: String!) { first: product(slug: $a) { ${SHELF} } second: product(slug: $b) { ${SHELF} } third: product(slug: $c) { ${SHELF} } }`;

/** Three neighbouring products for a signed-in customer (so nothing is deduplicated), changing every request. */
export function threeProducts(fixtures: Fixtures, sequence: number): Call {
  const slug = (offset: number) => fixtures.slugs[(sequence + offset) % fixtures.slugs.length];
  const token = fixtures.tokens[Math.floor(sequence / fixtures.slugs.length) % fixtures.tokens.length];
  return { operationName: 'ThreeProducts', query: THREE_PRODUCTS, variables: { a: slug(0), b: slug(1), c: slug(2) }, authorization: `Bearer ${token}` };
}

/** Products with their stock and reviews, each review's author and product again: products, inventory, reviews and users, nine levels down (our gateway allows ten). */
const DEEP_CATALOGUE = `query DeepCatalogue($first: Int!) {
  products(first: $first) {
    edges {
      node {
        id slug name description price { amount currency } stock { available onHand reserved } category { id name }
        reviews(first: 4) {
          edges {
            node {
              id rating title body createdAt
              author { id name }
              product { id name price { amount currency } stock { available } }
            }
          }
        }
      }
    }
  }
}`;

/** A hundred products deep: an answer of about 90 KB (run.ts prints its size), anonymous, the same every time. */
export function deepCatalogue(): Call {
  return { operationName: 'DeepCatalogue', query: DEEP_CATALOGUE, variables: { first: DEEP_CATALOGUE_PRODUCTS } };
}
export const DEEP_CATALOGUE_PRODUCTS = 100;

/** A product page with an access token of its own: Authorization is never the same twice. */
export function freshToken(fixtures: Fixtures, sequence: number): Call {
  const slug = fixtures.slugs[sequence % fixtures.slugs.length];
  return { ...call('ProductPage', ProductPageDocument, { slug }), authorization: `Bearer ${fixtures.freshToken(sequence)}` };
}

/** Every distinct answer the workloads can ask for, to check all gateways agree before timing. */
export function verificationCalls(fixtures: Fixtures, subgraphs: 'real' | 'memory'): Call[] {
  return [
    ...storefrontMix(fixtures),
    uniqueText(0),
    uniqueText(1),
    ...fixtures.slugs.map((_, index) => personalised(fixtures, index)),
    ...fixtures.slugs.map((_, index) => threeProducts(fixtures, index)),
    deepCatalogue(),
    // The bench's own signing key is published only by the in-memory users subgraph's JWKS.
    ...(subgraphs === 'memory' ? [freshToken(fixtures, 0)] : []),
  ];
}

const fixed = (calls: Call[]): autocannon.Request[] => calls.map((c) => ({ method: 'POST', body: bodyOf(c), headers: headersOf(c) }));

function generated(make: (sequence: number) => Call): autocannon.Request[] {
  let sequence = 0;
  return [
    {
      setupRequest: (request) => {
        const c = make(sequence++);
        return { ...request, method: 'POST', body: bodyOf(c), headers: headersOf(c) };
      },
    },
  ];
}

/** Ids and names, in the order the report lists them. */
export const WORKLOAD_NAMES = [
  { id: 'storefront-real', name: '(a) storefront mix, real subgraphs' },
  { id: 'storefront-memory', name: '(b) storefront mix, in-memory subgraphs' },
  { id: 'plan-miss', name: '(c) plan-cache miss: new operation text each request' },
  { id: 'no-dedup', name: '(c) no dedup: variables and Authorization vary' },
  { id: 'sibling-fetches', name: '(d) sibling fetches: three products by alias' },
  { id: 'deep-response', name: '(e) deep query, a large answer from four subgraphs' },
  { id: 'fresh-tokens', name: '(f) a new access token on every request' },
] as const;

export function workloads(fixtures: Fixtures): Workload[] {
  return [
    { id: 'storefront-real', name: '(a) storefront mix, real subgraphs', subgraphs: 'real', requests: () => fixed(storefrontMix(fixtures)) },
    { id: 'storefront-memory', name: '(b) storefront mix, in-memory subgraphs', subgraphs: 'memory', requests: () => fixed(storefrontMix(fixtures)) },
    { id: 'plan-miss', name: '(c) plan-cache miss: new operation text each request', subgraphs: 'memory', requests: () => generated(uniqueText) },
    {
      id: 'no-dedup',
      name: '(c) no dedup: variables and Authorization vary',
      subgraphs: 'memory',
      requests: () => generated((sequence) => personalised(fixtures, sequence)),
    },
    {
      id: 'sibling-fetches',
      name: '(d) sibling fetches: three products by alias',
      subgraphs: 'memory',
      requests: () => generated((sequence) => threeProducts(fixtures, sequence)),
    },
    { id: 'deep-response', name: '(e) deep query, a large answer from four subgraphs', subgraphs: 'memory', requests: () => fixed([deepCatalogue()]) },
    {
      id: 'fresh-tokens',
      name: '(f) a new access token on every request',
      subgraphs: 'memory',
      requests: () => generated((sequence) => freshToken(fixtures, sequence)),
    },
  ];
}
