/** What the users subgraph signs into access tokens and the gateway insists on when verifying. */
export const ACCESS_TOKEN = {
  algorithm: 'ES256',
  issuer: 'https://shopgraph.dev/users',
  audience: 'shopgraph-gateway',
  ttlSeconds: 15 * 60,
} as const;

/** Where the users subgraph publishes the public keys that verify access tokens. */
export const JWKS_PATH = '/.well-known/jwks.json';
