/** What a subgraph's answer allows the response's overall cache policy (Apollo Server's `restrict`). */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * The cache hint a subgraph's `Cache-Control` header gives, read exactly as @apollo/gateway's
 * RemoteGraphQLDataSource reads it (the last of each directive wins; no max-age: 0), so the overall
 * cache policy of a response is what it was before SubgraphRequest sent its calls itself.
 */
export function cacheHintOf(header: string | null | undefined): CacheHint {
  const directives = new Map<string, string | true>();
  for (const part of header ? header.trim().split(/\s*,\s*/) : []) {
    const [name = '', value] = part.split(/\s*=\s*/, 2);
    directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
  }
  const hint: CacheHint = { maxAge: 0 };
  const maxAge = directives.get('max-age');
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}
