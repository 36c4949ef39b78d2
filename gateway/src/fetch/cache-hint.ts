/** What a subgraph's answer allows the response's overall cache policy (Apollo Server's `restrict`). */
export interface CacheHint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

/**
 * Hints already read, by header value: subgraphs send the same few Cache-Control values (most
 * often none) on every call, and reading one builds a Map, two arrays per directive and regex
 * matches. Bounded, because the header is whatever a subgraph sends.
 */
const hintsByHeader = new Map<string, Readonly<CacheHint>>();
const MAX_REMEMBERED_HEADERS = 100;

/**
 * The cache hint a subgraph's `Cache-Control` header gives, read exactly as @apollo/gateway's
 * RemoteGraphQLDataSource reads it (the last of each directive wins; no max-age: 0), so the overall
 * cache policy of a response is what it was before SubgraphRequest sent its calls itself. The
 * hint is shared between calls with the same header: read it, never change it.
 */
export function cacheHintOf(header: string | null | undefined): Readonly<CacheHint> {
  const key = header ?? '';
  let hint = hintsByHeader.get(key);
  if (!hint) {
    hint = Object.freeze(parseCacheControl(header));
    if (hintsByHeader.size < MAX_REMEMBERED_HEADERS) hintsByHeader.set(key, hint);
  }
  return hint;
}

function parseCacheControl(header: string | null | undefined): CacheHint {
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
