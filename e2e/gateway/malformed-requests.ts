import fc from 'fast-check';

/** One HTTP request to the gateway's /graphql, as the fuzz test sends it. */
export interface MalformedRequest {
  method: 'GET' | 'POST';
  /** For GET, the query string (without "?"); for POST, the raw body. */
  payload: string;
  contentType: string;
  accept?: string;
  signedIn: boolean;
}

// Names the documents are made of: real fields (so some parse and validate), none that write when
// well-formed and unguarded (no register, login, requestPasswordReset), and some that exist nowhere.
const NAMES = [
  'products',
  'product',
  'categories',
  'me',
  'users',
  'cart',
  'addToCart',
  'adjustStock',
  'createReview',
  'updateProfile',
  'addAddress',
  'id',
  'name',
  'email',
  'totalCount',
  'edges',
  'node',
  'sku',
  'nope',
  '__typename',
  '__schema',
];
const TOKENS = [
  '{',
  '}',
  '(',
  ')',
  ':',
  '$v',
  '$w',
  '!',
  '[',
  ']',
  '...',
  '@include(if: $v)',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  '=',
  '"a"',
  '"\\u0000"',
  '"""x"""',
  '1',
  '-1.5e309',
  'true',
  'null',
  'String',
  'Int',
  'ID!',
  '#',
  '\u0000',
  '\n',
];
const QUERY_NAMES = ['A', 'B', 'Shop', ''];

const nul = fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([before, after]) => `${before}\u0000${after}`);

/** Token soup: mostly unparsable, sometimes a valid or almost valid operation. */
const randomDocument = fc
  .array(fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...TOKENS)), { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(' '));

/** Well-formed operations whose every string input holds NUL, so none may write. */
const nulOperation = fc
  .tuple(
    fc.constantFrom(
      'query ($v: String) { products(first: 1, search: $v) { totalCount } }',
      'query ($v: String) { product(sku: $v) { id } }',
      'query ($v: String) { product(slug: $v) { id } }',
      'mutation ($v: String) { updateProfile(input: { name: $v }) { name } }',
      'mutation ($v: String!) { addAddress(input: { recipient: $v, line1: $v, city: $v, postalCode: $v, country: $v }) { id } }',
      'mutation ($v: String!) { createReview(input: { productId: $v, rating: 4, title: $v, body: $v }) { id } }',
    ),
    nul,
  )
  .map(([query, value]) => ({ query, variables: { v: value } }));

/**
 * Well-formed operations with variables of any JSON type, so requests reach variable coercion and
 * execution. No template may write when its variables happen to coerce: the ids they take are never
 * real ones, and adjustStock is refused to customers.
 */
const typedOperation = fc
  .tuple(
    fc.constantFrom(
      'query ($n: Int, $s: String) { products(first: $n, search: $s) { totalCount edges { node { id name } } } }',
      'query ($id: ID, $s: String) { product(id: $id, sku: $s) { id name } }',
      'query ($id: ID, $s: String) { product(id: $id, slug: $s) { id price { amount } } }',
      'query ($n: Int, $s: String) { users(first: $n, search: $s) { email } }',
      'query { categories { name } me { id email } cart { itemCount } }',
      'mutation ($id: ID!, $q: Int!) { addToCart(productId: $id, quantity: $q) { itemCount } }',
      'mutation ($id: ID!, $n: Int!, $s: String!) { adjustStock(productId: $id, delta: $n, reason: $s) { delta } }',
    ),
    fc.dictionary(fc.constantFrom('n', 's', 'id', 'q'), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.uuid(), fc.integer())),
  )
  .map(([query, variables]) => ({ query, variables }));

/** JSON too deep for a recursive walker, as text (JSON.stringify itself would overflow). */
const deepJson = fc
  .record({
    depth: fc.integer({ min: 60, max: 60_000 }),
    kind: fc.constantFrom('array' as const, 'object' as const),
    where: fc.constantFrom('variables', 'extensions', 'query', 'body'),
  })
  .map(({ depth, kind, where }) => {
    const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
    const deep = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const query = JSON.stringify('query ($v: String) { products(first: 1, search: $v) { totalCount } }');
    if (where === 'body') return deep;
    if (where === 'query') return `{"query":${deep}}`;
    return `{"query":${query},"${where}":${where === 'variables' ? `{"v":${deep}}` : deep}}`;
  });

/** Objects shaped almost like a GraphQL request, each member of any JSON type. */
const wrongTypes = fc.record(
  {
    query: fc.oneof(randomDocument, fc.jsonValue({ maxDepth: 3 })),
    variables: fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.dictionary(fc.constantFrom('v', 'w', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 3 }))),
    operationName: fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.jsonValue({ maxDepth: 2 })),
    extensions: fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        persistedQuery: fc.record({
          version: fc.jsonValue({ maxDepth: 1 }),
          sha256Hash: fc.oneof(fc.stringMatching(/^[0-9a-f]{0,64}$/), fc.jsonValue({ maxDepth: 1 })),
        }),
      }),
    ),
  },
  { requiredKeys: [] },
);

/** Several operations in one document, with an operationName that may name none of them. */
const unknownOperation = fc
  .record({ operationName: fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 6 }), fc.constant(undefined)) })
  .map(({ operationName }) => ({
    query: 'query A { categories { name } } query B { products(first: 1) { totalCount } }',
    operationName,
  }));

const huge = fc
  .record({ size: fc.integer({ min: 50_000, max: 250_000 }), where: fc.constantFrom('query', 'variable', 'operationName') })
  .map(({ size, where }) => {
    const long = 'x'.repeat(size);
    if (where === 'query') return { query: `{ ${long} }` };
    if (where === 'operationName') return { query: '{ categories { name } }', operationName: long };
    return { query: 'query ($v: String) { products(first: 1, search: $v) { totalCount } }', variables: { v: long } };
  });

const operation = fc.oneof(
  { weight: 2, arbitrary: wrongTypes },
  { weight: 2, arbitrary: nulOperation },
  { weight: 3, arbitrary: typedOperation },
  { weight: 1, arbitrary: unknownOperation },
  { weight: 1, arbitrary: huge },
  { weight: 3, arbitrary: randomDocument.map((query) => ({ query })) },
);

/** A JSON body: one malformed operation, a batch of them (sometimes over the limit), or not JSON at all. */
const body: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: operation.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: fc.array(operation, { maxLength: 12 }).map((batch) => JSON.stringify(batch)) },
  { weight: 2, arbitrary: deepJson },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('', '{', '[]', 'null', '"x"', '{"query":', '\u0000'),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? 'null') },
);

const query = fc.record(
  {
    query: fc.oneof(randomDocument, fc.string({ maxLength: 30 })),
    variables: fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value) ?? ''),
    ),
    operationName: fc.constantFrom(...QUERY_NAMES),
  },
  { requiredKeys: [] },
);

/** A malformed request of any of the kinds above, by POST or GET, signed in or not. */
export const malformedRequest: fc.Arbitrary<MalformedRequest> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      method: fc.constant('POST' as const),
      payload: body,
      contentType: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-8') },
        { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/graphql') },
      ),
      accept: fc.constantFrom(undefined, 'application/graphql-response+json', 'application/json', 'text/event-stream', 'multipart/mixed'),
      signedIn: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      method: fc.constant('GET' as const),
      payload: query.map((params) => new URLSearchParams(params as Record<string, string>).toString()),
      contentType: fc.constant('application/json'),
      accept: fc.constantFrom(undefined, 'application/graphql-response+json'),
      signedIn: fc.boolean(),
    }),
  },
);
