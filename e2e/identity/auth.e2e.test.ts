import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { exportJWK, importJWK, SignJWT, type JWK } from 'jose';
import { ACCESS_TOKEN, JWKS_PATH } from '@shopgraph/auth';
import { DEMO_PASSWORD, demoUsers } from '@shopgraph/demo-data';
import postgres from 'postgres';
import { serviceDatabaseUrl } from '@shopgraph/config';
import { graphqlRequest, signWithCurrentKey, testDatabaseServerUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatformForTest();
});
afterAll(() => platform?.stop());

const gql = (query: string, variables?: Record<string, unknown>, token?: string) =>
  graphqlRequest(platform.gatewayUrl, query, variables, token ? { authorization: `Bearer ${token}` } : {});
// Anonymous until the tokens arrive, so the payload's user shows no email (it is @authenticated).
const TOKENS = 'accessToken refreshToken expiresIn user { id name role }';
const login = async (email: string, password = DEMO_PASSWORD) => {
  const response = await gql(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${TOKENS} } }`, { e: email, p: password });
  return response.data?.login as { accessToken: string; refreshToken: string; user: { id: string } } | undefined;
};
const refresh = (token: string) => gql(`mutation ($t: String!) { refreshToken(refreshToken: $t) { ${TOKENS} } }`, { t: token });
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;
const admin = demoUsers.find((user) => user.role === 'ADMIN')!;
const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
const otherCustomer = demoUsers.find((user) => user.role === 'CUSTOMER' && user.id !== customer.id)!;

test('register, then me with the access token; the refresh token rotates on every use', async () => {
  const email = `shopper-${Date.now()}@example.com`;
  const registered = await gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${TOKENS} } }`, {
    i: { email, password: 'correct horse battery', name: "Robert'); DROP TABLE users;--" },
  });
  expect(registered.errors).toBeUndefined();
  const session = registered.data!.register;
  expect(session).toMatchObject({ expiresIn: ACCESS_TOKEN.ttlSeconds, user: { role: 'CUSTOMER', name: "Robert'); DROP TABLE users;--" } });

  const me = await gql('{ me { id email } }', undefined, session.accessToken);
  expect(me.data).toEqual({ me: { id: session.user.id, email } });

  const first = await refresh(session.refreshToken);
  expect(first.errors).toBeUndefined();
  expect(first.data!.refreshToken.refreshToken).not.toBe(session.refreshToken);
  const second = await refresh(first.data!.refreshToken.refreshToken);
  expect(second.errors).toBeUndefined();

  const duplicate = await gql(`mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }`, {
    i: { email: email.toUpperCase(), password: 'another password', name: 'Copycat' },
  });
  expect(code(duplicate)).toBe('CONFLICT');
});

test('a refresh token reused after rotation ends the whole session', async () => {
  const session = (await login(customer.email))!;
  const rotated = await refresh(session.refreshToken);
  expect(rotated.errors).toBeUndefined();
  const replay = await refresh(session.refreshToken);
  expect(code(replay)).toBe('UNAUTHENTICATED');
  // The thief's copy and the rightful holder's new token both stop working.
  expect(code(await refresh(rotated.data!.refreshToken.refreshToken))).toBe('UNAUTHENTICATED');
});

test('logout ends the session', async () => {
  const session = (await login(customer.email))!;
  const out = await gql('mutation ($t: String!) { logout(refreshToken: $t) }', { t: session.refreshToken });
  expect(out.data).toEqual({ logout: true });
  expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
});

test('login answers the same for an unknown email and a wrong password', async () => {
  const wrong = await gql('mutation { login(email: "customer@shopgraph.dev", password: "not the password") { accessToken } }');
  const unknown = await gql('mutation { login(email: "nobody@shopgraph.dev", password: "not the password") { accessToken } }');
  expect(code(wrong)).toBe('UNAUTHENTICATED');
  expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  expect(code(unknown)).toBe(code(wrong));
});

test('bad registrations are BAD_USER_INPUT and write nothing', async () => {
  const cases = [
    { email: 'not-an-email', password: 'long enough', name: 'A' },
    { email: 'short@example.com', password: 'short', name: 'A' },
    { email: 'long@example.com', password: 'long enough', name: 'x'.repeat(10_000) },
    { email: `${'a'.repeat(300)}@example.com`, password: 'long enough', name: 'A' },
    { email: 'huge@example.com', password: 'p'.repeat(100_000), name: 'A' },
  ];
  for (const input of cases) {
    const response = await gql('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', { i: input });
    expect({ input: input.email, code: code(response) }).toEqual({ input: input.email, code: 'BAD_USER_INPUT' });
  }
  expect(code(await gql('mutation { login(email: "short@example.com", password: "short") { accessToken } }'))).toBe('UNAUTHENTICATED');
});

describe('access tokens the gateway must refuse', () => {
  let publicJwk: JWK;
  let kid: string;
  beforeAll(async () => {
    const jwks = (await (await fetch(new URL(JWKS_PATH, platform.subgraphs.users.url))).json()) as { keys: (JWK & { kid: string })[] };
    publicJwk = jwks.keys[0]!;
    kid = publicJwk.kid!;
  });
  const claims = { roles: ['ADMIN'] };
  const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  const forgeries: [string, () => Promise<string>][] = [
    [
      'alg none',
      async () =>
        `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: admin.id, roles: ['ADMIN'], iss: ACCESS_TOKEN.issuer, aud: ACCESS_TOKEN.audience, exp: 9e9 })}.`,
    ],
    [
      'HS256 signed with the public key',
      async () => {
        const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid })
          .setSubject(admin.id)
          .setIssuer(ACCESS_TOKEN.issuer)
          .setAudience(ACCESS_TOKEN.audience)
          .setExpirationTime('5m')
          .sign(Buffer.from(pem));
      },
    ],
    [
      'signed by another key under our kid',
      async () => {
        const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const key = await importJWK(await exportJWK(privateKey), 'ES256');
        return new SignJWT(claims)
          .setProtectedHeader({ alg: 'ES256', kid })
          .setSubject(admin.id)
          .setIssuer(ACCESS_TOKEN.issuer)
          .setAudience(ACCESS_TOKEN.audience)
          .setExpirationTime('5m')
          .sign(key);
      },
    ],
    [
      'tampered payload',
      async () => {
        const session = (await login(customer.email))!;
        const [header, payload, signature] = session.accessToken.split('.');
        const claimsOf = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${base64url({ ...claimsOf, roles: ['ADMIN'] })}.${signature}`;
      },
    ],
  ];

  // Signed with the real current key, so only the claim under test is wrong.
  const signedByUs = (build: (jwt: SignJWT) => SignJWT) => signWithCurrentKey(platform.databasePrefix, (jwt) => build(jwt.setSubject(admin.id)), claims);
  forgeries.push(
    [
      'expired',
      () =>
        signedByUs((jwt) => jwt.setIssuer(ACCESS_TOKEN.issuer).setAudience(ACCESS_TOKEN.audience).setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_900)),
    ],
    ['wrong audience', () => signedByUs((jwt) => jwt.setIssuer(ACCESS_TOKEN.issuer).setAudience('some-other-api').setExpirationTime('5m'))],
    ['wrong issuer', () => signedByUs((jwt) => jwt.setIssuer('https://evil.example').setAudience(ACCESS_TOKEN.audience).setExpirationTime('5m'))],
    ['no expiry', () => signedByUs((jwt) => jwt.setIssuer(ACCESS_TOKEN.issuer).setAudience(ACCESS_TOKEN.audience))],
  );

  test('a correctly signed token is accepted (the forgeries below differ from it in one way each)', async () => {
    const genuine = await signedByUs((jwt) => jwt.setIssuer(ACCESS_TOKEN.issuer).setAudience(ACCESS_TOKEN.audience).setExpirationTime('5m'));
    expect((await gql('{ users(first: 1) { id } }', undefined, genuine)).errors).toBeUndefined();
  });

  test.each(forgeries)('%s', async (_name, forge) => {
    const response = await gql('{ users(first: 1) { id } }', undefined, await forge());
    expect(response.status).toBe(401);
    expect(code(response)).toBe('UNAUTHENTICATED');
    expect(response.data ?? null).toBeNull();
  });

  test('malformed Authorization headers are refused too', async () => {
    const response = await graphqlRequest(platform.gatewayUrl, '{ me { id } }', undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(code(response)).toBe('UNAUTHENTICATED');
  });
});

test('customers cannot use admin operations or read other people; admins can', async () => {
  const anonymous = await gql('{ me { id } }');
  expect(code(anonymous)).toBe('UNAUTHENTICATED');
  expect(anonymous.errors?.[0]?.path).toEqual(['me']);

  const shopper = (await login(customer.email))!;
  expect(code(await gql('{ users(first: 5) { id } }', undefined, shopper.accessToken))).toBe('FORBIDDEN');
  const promote = await gql('mutation ($id: ID!) { setUserRole(userId: $id, role: ADMIN) { role } }', { id: customer.id }, shopper.accessToken);
  expect(code(promote)).toBe('FORBIDDEN');

  const nosy = await gql('query ($id: ID!) { user(id: $id) { name email } }', { id: otherCustomer.id }, shopper.accessToken);
  expect(nosy.data).toEqual({ user: { name: otherCustomer.name, email: null } });
  expect(code(nosy)).toBe('FORBIDDEN');
  expect(nosy.errors?.[0]?.path).toEqual(['user', 'email']);
  expect(code(await gql('query ($id: ID!) { user(id: $id) { email } }', { id: otherCustomer.id }))).toBe('UNAUTHENTICATED');

  const boss = (await login(admin.email))!;
  const seen = await gql('query ($id: ID!) { user(id: $id) { email } }', { id: otherCustomer.id }, boss.accessToken);
  expect(seen.data).toEqual({ user: { email: otherCustomer.email } });
  const search = await gql('{ users(first: 10, search: "customer@") { email } }', undefined, boss.accessToken);
  expect(search.data).toEqual({ users: [{ email: customer.email }] });
  const me = await gql('{ me { role } }', undefined, (await login(customer.email))!.accessToken);
  expect(me.data).toEqual({ me: { role: 'CUSTOMER' } });
});

test('changing the password ends every session and the old password stops working', async () => {
  const email = `changer-${Date.now()}@example.com`;
  const registered = await gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${TOKENS} } }`, {
    i: { email, password: 'first password', name: 'Changer' },
  });
  const session = registered.data!.register;
  const changed = await gql('mutation { changePassword(currentPassword: "first password", newPassword: "second password") }', undefined, session.accessToken);
  expect(changed.data).toEqual({ changePassword: true });
  expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
  expect(await login(email, 'first password')).toBeUndefined();
  expect(await login(email, 'second password')).toBeDefined();
});

test('key rotation: tokens signed before and after a rotation are both accepted, by kid', async () => {
  const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
  const boss = (await login(admin.email))!;
  const before = (await login(customer.email))!;
  const rotated = await gql('mutation { rotateSigningKey }', undefined, boss.accessToken);
  expect(rotated.errors).toBeUndefined();
  const after = (await login(customer.email))!;
  expect(kidOf(after.accessToken)).toBe(rotated.data!.rotateSigningKey);
  expect(kidOf(after.accessToken)).not.toBe(kidOf(before.accessToken));
  const jwks = (await (await fetch(new URL(JWKS_PATH, platform.subgraphs.users.url))).json()) as { keys: { kid: string }[] };
  expect(jwks.keys.map((key) => key.kid).sort()).toEqual([kidOf(before.accessToken), kidOf(after.accessToken)].sort());

  // The gateway learns the new kid on its own (its JWKS refetch is rate limited, so poll briefly).
  const deadline = Date.now() + 5_000;
  let fresh = await gql('{ me { id } }', undefined, after.accessToken);
  while (fresh.errors && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    fresh = await gql('{ me { id } }', undefined, after.accessToken);
  }
  expect(fresh.data).toEqual({ me: { id: customer.id } });
  expect((await gql('{ me { id } }', undefined, before.accessToken)).data).toEqual({ me: { id: customer.id } });
  expect(code(await gql('mutation { rotateSigningKey }', undefined, before.accessToken))).toBe('FORBIDDEN');
});

test('password reset: the emailed token works once, ends every session, and unknown emails learn nothing', async () => {
  const email = `forgetful-${Date.now()}@example.com`;
  const session = (
    await gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${TOKENS} } }`, { i: { email, password: 'forgotten password', name: 'Forgetful' } })
  ).data!.register;
  const outbox = postgres(serviceDatabaseUrl('users', testDatabaseServerUrl(), platform.databasePrefix, {}), { max: 1, onnotice: () => {} });
  try {
    const mails = () =>
      outbox<
        { payload: { to: string; token: string; template: string } }[]
      >`select payload from outbox where topic = 'notifications.email' order by created_at`;
    const before = (await mails()).length;
    expect((await gql('mutation { requestPasswordReset(email: "no-such-account@example.com") }')).data).toEqual({ requestPasswordReset: true });
    expect((await mails()).length).toBe(before);

    expect((await gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email.toUpperCase() })).data).toEqual({ requestPasswordReset: true });
    const mail = (await mails()).at(-1)!.payload;
    expect(mail).toMatchObject({ to: email, template: 'password-reset' });

    const reset = 'mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }';
    expect(code(await gql(reset, { t: mail.token, p: 'short' }))).toBe('BAD_USER_INPUT');
    expect((await gql(reset, { t: mail.token, p: 'remembered password' })).data).toEqual({ resetPassword: true });
    expect(code(await gql(reset, { t: mail.token, p: 'another password' }))).toBe('BAD_USER_INPUT');
    expect(code(await gql(reset, { t: 'made-up-token', p: 'another password' }))).toBe('BAD_USER_INPUT');

    expect(code(await refresh(session.refreshToken))).toBe('UNAUTHENTICATED');
    expect(await login(email, 'forgotten password')).toBeUndefined();
    expect(await login(email, 'remembered password')).toBeDefined();
  } finally {
    await outbox.end();
  }
});

describe('field authorization as Apollo Router does it', () => {
  test('a nullable field the viewer may not see is null with an error at its path; the rest is answered', async () => {
    const anonymous = await gql('query ($id: ID!) { user(id: $id) { name email } }', { id: customer.id });
    expect(anonymous.data).toEqual({ user: { name: customer.name, email: null } });
    expect(anonymous.errors).toEqual([expect.objectContaining({ path: ['user', 'email'], extensions: { code: 'UNAUTHENTICATED' } })]);

    const me = await gql('{ me { id } }');
    expect(me.data).toEqual({ me: null });
    expect(me.errors?.[0]).toMatchObject({ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
  });

  test('inside lists, each occurrence is nulled and explained at its own path', async () => {
    const query = '{ products(first: 40) { edges { node { reviews(first: 2) { edges { node { author { name email } } } } } } } }';
    const response = await gql(query);
    type Edge<T> = { node: T };
    type Author = { name: string; email: string | null };
    const products = response.data!.products as { edges: Edge<{ reviews: { edges: Edge<{ author: Author }>[] } }>[] };
    const authors = products.edges.flatMap((edge) => edge.node.reviews.edges.map((review) => review.node.author));
    expect(authors.length).toBeGreaterThan(1);
    for (const author of authors) expect(author).toEqual({ name: expect.any(String), email: null });
    expect(response.errors).toHaveLength(authors.length);
    expect(response.errors?.[0]?.path).toEqual([
      'products',
      'edges',
      expect.any(Number),
      'node',
      'reviews',
      'edges',
      expect.any(Number),
      'node',
      'author',
      'email',
    ]);
  });

  test('fragments are followed; a non-null field the viewer may not see fails the request', async () => {
    const viaFragment = await gql('query ($id: ID!) { user(id: $id) { ...Private } } fragment Private on User { name email }', { id: customer.id });
    expect(viaFragment.data).toEqual({ user: { name: customer.name, email: null } });
    const shopper = (await login(customer.email))!;
    const adminList = await gql('{ ...Everyone } fragment Everyone on Query { users(first: 1) { id } }', undefined, shopper.accessToken);
    expect(code(adminList)).toBe('FORBIDDEN');
    expect(adminList.data ?? null).toBeNull();
  });

  test('a mutation still runs when only part of its answer is withheld', async () => {
    const response = await gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken user { id email } } }', {
      e: customer.email,
      p: DEMO_PASSWORD,
    });
    expect(response.data!.login).toEqual({ accessToken: expect.any(String), user: { id: customer.id, email: null } });
    expect(code(response)).toBe('UNAUTHENTICATED');
  });

  test('the same operation text is planned per viewer: a withheld field stays withheld, a granted one is granted', async () => {
    const query = 'query ($id: ID!) { user(id: $id) { email } }';
    const self = (await login(customer.email))!;
    for (let round = 0; round < 2; round += 1) {
      expect((await gql(query, { id: customer.id })).data).toEqual({ user: { email: null } });
      expect((await gql(query, { id: customer.id }, self.accessToken)).data).toEqual({ user: { email: customer.email } });
    }
  });
});

test("a customer cannot read another user's orders; profile edits stay one's own; admin searches are literal", async () => {
  const shopper = (await login(customer.email))!;
  const theirs = await gql('query ($id: ID!) { user(id: $id) { name orders { id } } }', { id: otherCustomer.id }, shopper.accessToken);
  expect(theirs.data).toEqual({ user: { name: otherCustomer.name, orders: null } });
  expect(code(theirs)).toBe('FORBIDDEN');
  expect((await gql('query ($id: ID!) { user(id: $id) { orders { id } } }', { id: customer.id }, shopper.accessToken)).errors).toBeUndefined();

  const email = `editor-${Date.now()}@example.com`;
  const editor = (
    await gql(`mutation ($i: RegisterInput!) { register(input: $i) { ${TOKENS} } }`, { i: { email, password: 'editor password', name: 'Editor' } })
  ).data!.register;
  const renamed = await gql('mutation { updateProfile(input: { name: "Edited Name" }) { id name } }', undefined, editor.accessToken);
  expect(renamed.data).toEqual({ updateProfile: { id: editor.user.id, name: 'Edited Name' } });
  expect(code(await gql(`mutation { updateProfile(input: { email: "${customer.email.toUpperCase()}" }) { id } }`, undefined, editor.accessToken))).toBe(
    'CONFLICT',
  );
  expect(code(await gql('mutation ($n: String!) { updateProfile(input: { name: $n }) { id } }', { n: 'y'.repeat(1_000) }, editor.accessToken))).toBe(
    'BAD_USER_INPUT',
  );
  expect(code(await gql('mutation { updateProfile(input: { name: "Anonymous" }) { id } }'))).toBe('UNAUTHENTICATED');

  const boss = (await login(admin.email))!;
  const injection = await gql(`{ users(first: 5, search: "' OR 1=1 --") { id } }`, undefined, boss.accessToken);
  expect(injection.data).toEqual({ users: [] });
  const promoted = await gql('mutation ($id: ID!) { setUserRole(userId: $id, role: ADMIN) { role } }', { id: editor.user.id }, boss.accessToken);
  expect(promoted.data).toEqual({ setUserRole: { role: 'ADMIN' } });
  const relogged = (await login(email, 'editor password'))!;
  expect((await gql('{ users(first: 1) { id } }', undefined, relogged.accessToken)).errors).toBeUndefined();
});
