import { Agent, request as httpRequest } from 'node:http';
import { DEMO_CUSTOMER_EMAIL } from '@shopgraph/demo-data';
import { ANONYMOUS } from '@shopgraph/auth';
import { graphqlRequest, signedGraphqlRequest, signIn, TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { code } from './gateway-over-platform';

// Issue #15, findings 5 and 6: what malformed or refused requests answer, status and code.

let platform: TestPlatform;
let customer: Record<string, string>;
let productId: string;
beforeAll(async () => {
  platform = await startPlatformForTest();
  customer = (await signIn(platform.gatewayUrl, DEMO_CUSTOMER_EMAIL)).headers;
  const first = await graphqlRequest(platform.gatewayUrl, '{ products(first: 1) { edges { node { id } } } }');
  productId = first.data!.products.edges[0].node.id as string;
});
afterAll(() => platform?.stop());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One POST through `agent`; a socket left unanswered fails the test here instead of hanging it. */
function post(agent: Agent, url: string, body: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 15_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error('no answer on this keep-alive socket')));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('a body over the limit (413) leaves the keep-alive socket usable', () => {
  const oversized = (bytes: number) => JSON.stringify({ query: `{ categories { name } } # ${'x'.repeat(bytes)}` });
  const small = JSON.stringify({ query: '{ categories { name } }' });

  test.each([
    ['the gateway, 1 MB', 'gateway', 1_000_000],
    ['the gateway, 5 MB', 'gateway', 5_000_000],
    ['a subgraph, 2 MB', 'products', 2_000_000],
  ])('%s: 413, then the next request on the same agent is answered', async (_, target, bytes) => {
    const url = target === 'gateway' ? platform.gatewayUrl : platform.subgraphs.products.url;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const refused = await post(agent, url, oversized(bytes));
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      // The server either drained the body and kept the socket, or said so and closed it.
      expect(refused.headers.connection).toBe('close');
      const next = await post(agent, url, small);
      // A subgraph refuses an unsigned request; answering at all is what counts here.
      expect(next.status).toBe(target === 'gateway' ? 200 : 401);
    } finally {
      agent.destroy();
    }
  });
});

describe('refused fields answer 200 with the error, as Apollo Router does', () => {
  test.each(['application/json', 'application/graphql-response+json'])(
    'a non-null admin-only field, signed out, accepting %s: data null, UNAUTHENTICATED',
    async (accept) => {
      const response = await graphqlRequest(platform.gatewayUrl, '{ users(first: 2) { email } }', undefined, { accept });
      expect(response.status).toBe(200);
      expect(response.data).toBeNull();
      expect(code(response)).toBe('UNAUTHENTICATED');
      expect(response.errors?.[0]?.path).toEqual(['users']);
    },
  );

  test('adjustStock as a customer: data null, FORBIDDEN, stock unchanged', async () => {
    const stock = `{ product(id: "${productId}") { stock { available } } }`;
    const before = await graphqlRequest(platform.gatewayUrl, stock);
    const response = await graphqlRequest(
      platform.gatewayUrl,
      'mutation ($p: ID!) { adjustStock(productId: $p, delta: 5, reason: "test") { delta } }',
      { p: productId },
      customer,
    );
    expect(response.status).toBe(200);
    expect(response.data).toBeNull();
    expect(code(response)).toBe('FORBIDDEN');
    expect((await graphqlRequest(platform.gatewayUrl, stock)).data).toEqual(before.data);
  });

  test('with a nullable refused field beside it, the rest of the data still comes', async () => {
    const response = await graphqlRequest(platform.gatewayUrl, '{ categories { name } me { id } }');
    expect(response.status).toBe(200);
    expect(response.data?.categories.length).toBeGreaterThan(0);
    expect(response.data?.me).toBeNull();
    expect(code(response)).toBe('UNAUTHENTICATED');
  });
});

describe('request errors are 4xx with a stable code', () => {
  test('an unknown operationName: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { categories { name } }', operationName: 'B' }),
    });
    expect(response.status).toBe(400);
    expect(code((await response.json()) as never)).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  test("Apollo Server's own codeless refusal (persisted query version null): 400 BAD_REQUEST, not masked", async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ categories { name } }', extensions: { persistedQuery: { version: null, sha256Hash: 'x' } } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions?: Record<string, unknown> }[] };
    expect(code(body)).toBe('BAD_REQUEST');
    expect(body.errors[0]?.message).toBe('Unsupported persisted query version');
  });

  test('a variable nested 100,000 arrays deep: 400 BAD_USER_INPUT', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"query":"query ($s: String) { products(first: 1, search: $s) { totalCount } }","variables":{"s":${deep}}}`,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as never;
    expect(code(body)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/RangeError|call stack/i);
  });
});

describe('NUL characters (PostgreSQL refuses 0x00) are refused as BAD_USER_INPUT', () => {
  const NUL = 'a\u0000b';
  const cases: [string, string, (nul: string) => Record<string, unknown>, boolean][] = [
    ['search', 'query ($v: String) { products(first: 1, search: $v) { totalCount } }', (v) => ({ v }), false],
    ['SKU', 'query ($v: String) { product(sku: $v) { id } }', (v) => ({ v }), false],
    ['profile', 'mutation ($v: String) { updateProfile(input: { name: $v }) { name } }', (v) => ({ v }), true],
    [
      'address',
      'mutation ($v: String!) { addAddress(input: { recipient: $v, line1: "1 Main St", city: "Town", postalCode: "12345", country: "DE" }) { id } }',
      (v) => ({ v }),
      true,
    ],
    [
      'review',
      'mutation ($v: String!, $p: ID!) { createReview(input: { productId: $p, rating: 4, title: $v, body: "fine" }) { id } }',
      (v) => ({ v, p: productId }),
      true,
    ],
  ];

  test.each(cases)('%s, in a variable: 400 BAD_USER_INPUT', async (_, query, variables, signedIn) => {
    const response = await graphqlRequest(platform.gatewayUrl, query, variables(NUL), signedIn ? customer : {});
    expect(response.status).toBe(400);
    expect(code(response)).toBe('BAD_USER_INPUT');
    expect(response.data ?? null).toBeNull();
  });

  test('in a string literal of the document: 400 BAD_USER_INPUT', async () => {
    const response = await graphqlRequest(platform.gatewayUrl, '{ products(first: 1, search: "a\\u0000b") { totalCount } }');
    expect(response.status).toBe(400);
    expect(code(response)).toBe('BAD_USER_INPUT');
  });

  test('a subgraph refuses them too, behind the gateway', async () => {
    const query = 'query ($v: String) { products(first: 1, search: $v) { totalCount } }';
    const response = await signedGraphqlRequest(platform.subgraphs.products.url, TEST_GATEWAY_SECRET, ANONYMOUS, query, { v: NUL });
    expect(response.status).toBe(400);
    expect(code(response)).toBe('BAD_USER_INPUT');
  });
});

test('an event-stream request whose parse error quotes a NUL is answered 400, not left hanging', async () => {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: '{ "\\u0000" products' }),
    signal: AbortSignal.timeout(15_000),
  });
  expect(response.status).toBe(400);
  // The event-stream transport (graphql-sse) reports every refusal of its operation this way.
  expect(code((await response.json()) as never)).toBe('BAD_USER_INPUT');
});

test('product(id: "") is BAD_USER_INPUT, not a lookup by an absent slug', async () => {
  const response = await graphqlRequest(platform.gatewayUrl, '{ product(id: "") { id } }');
  expect(response.status).toBe(200);
  expect(response.data).toEqual({ product: null });
  expect(code(response)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.extensions?.argumentName).toBe('id');
});
