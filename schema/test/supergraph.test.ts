import { readFileSync } from 'node:fs';
import { composeSupergraph, CompositionFailed, API_SCHEMA_PATH, SUPERGRAPH_PATH, readSubgraphSources } from '../src';

test('the committed supergraph and API schema are what the subgraph SDLs compose to (run `npm run compose`)', () => {
  const composed = composeSupergraph(readSubgraphSources());
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed.supergraphSdl);
  expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(composed.apiSchemaSdl);
});

test('composition reports conflicting subgraphs instead of writing a supergraph', () => {
  const sources = readSubgraphSources();
  // Two subgraphs defining the same value type differently cannot compose.
  const broken = sources.map((source) => (source.name === 'orders' ? { ...source, sdl: source.sdl.replace('amount: Int!', 'amount: Float!') } : source));
  expect(() => composeSupergraph(broken)).toThrow(CompositionFailed);
});

test('every entity the brief names is owned and extended where it should be', () => {
  const supergraph = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const owners = (type: string) => [...supergraph.matchAll(new RegExp(`type ${type}\\n([^{]*)\\{`, 'g'))].map((m) => m[1] ?? '').join('');
  expect(owners('User')).toMatch(/join__type\(graph: USERS, key: "id"\)/);
  expect(owners('User')).toMatch(/join__type\(graph: ORDERS, key: "id"\)/);
  expect(owners('User')).toMatch(/join__type\(graph: REVIEWS, key: "id"\)/);
  expect(owners('Product')).toMatch(/join__type\(graph: PRODUCTS, key: "sku"\)/);
  expect(owners('Product')).toMatch(/join__type\(graph: INVENTORY, key: "id"\)/);
  expect(owners('Order')).toMatch(/join__type\(graph: ORDERS, key: "id"\)/);
  expect(owners('Review')).toMatch(/join__type\(graph: REVIEWS, key: "id"\)/);
});
