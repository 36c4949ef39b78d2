import { DEMO_PASSWORD, demoUsers } from '@shopgraph/demo-data';
import { graphqlRequest } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

let platform: TestPlatform;
let shopper: string;
let neighbour: string;
let admin: string;

const gql = (query: string, variables: Record<string, unknown> | undefined, token: string) =>
  graphqlRequest(platform.gatewayUrl, query, variables, { authorization: `Bearer ${token}` });
const tokenOf = async (email: string) =>
  (
    await graphqlRequest(platform.gatewayUrl, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
      e: email,
      p: DEMO_PASSWORD,
    })
  ).data!.login.accessToken as string;
const code = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

const customer = demoUsers.find((user) => user.email === 'customer@shopgraph.dev')!;
const other = demoUsers.find((user) => user.role === 'CUSTOMER' && user.id !== customer.id)!;
const home = { recipient: 'Casey Customer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'us' };
const ADD = 'mutation ($i: AddressInput!) { addAddress(input: $i) { id isDefault country } }';
const MINE = '{ me { addresses { id line1 isDefault } } }';

beforeAll(async () => {
  platform = await startPlatformForTest();
  [shopper, neighbour, admin] = await Promise.all([tokenOf(customer.email), tokenOf(other.email), tokenOf('admin@shopgraph.dev')]);
});
afterAll(() => platform?.stop());

test('the first address is the default; choosing another default moves it; deleting the default promotes the newest', async () => {
  const first = (await gql(ADD, { i: home }, shopper)).data!.addAddress;
  expect(first).toMatchObject({ isDefault: true, country: 'US' });
  const second = (await gql(ADD, { i: { ...home, line1: '2 Side St' } }, shopper)).data!.addAddress;
  expect(second.isDefault).toBe(false);
  const third = (await gql(ADD, { i: { ...home, line1: '3 Hill Rd', isDefault: true } }, shopper)).data!.addAddress;
  expect(third.isDefault).toBe(true);
  let mine = (await gql(MINE, undefined, shopper)).data!.me.addresses as { id: string; isDefault: boolean }[];
  expect(mine.filter((address) => address.isDefault).map((address) => address.id)).toEqual([third.id]);
  expect(mine[0]!.id).toBe(third.id);

  expect((await gql('mutation ($id: ID!) { deleteAddress(id: $id) }', { id: third.id }, shopper)).data).toEqual({ deleteAddress: true });
  mine = (await gql(MINE, undefined, shopper)).data!.me.addresses;
  expect(mine.find((address) => address.isDefault)?.id).toBe(second.id);

  // Ten concurrent switches still leave exactly one default.
  await Promise.all(
    Array.from({ length: 10 }, (_, i) => gql('mutation ($id: ID!) { setDefaultAddress(id: $id) { id } }', { id: i % 2 ? first.id : second.id }, shopper)),
  );
  mine = (await gql(MINE, undefined, shopper)).data!.me.addresses;
  expect(mine.filter((address) => address.isDefault)).toHaveLength(1);
});

test("someone else's address is NOT_FOUND to change and FORBIDDEN to read; admins can read it", async () => {
  const address = (await gql(ADD, { i: { ...home, line1: '9 Private Ln' } }, shopper)).data!.addAddress;
  for (const mutation of [
    'mutation ($id: ID!) { deleteAddress(id: $id) }',
    'mutation ($id: ID!) { setDefaultAddress(id: $id) { id } }',
    'mutation ($id: ID!, $i: AddressInput!) { updateAddress(id: $id, input: $i) { id } }',
  ]) {
    expect(code(await gql(mutation, { id: address.id, i: { ...home, line1: 'Hijacked' } }, neighbour))).toBe('NOT_FOUND');
  }
  const peek = await gql('query ($id: ID!) { user(id: $id) { name addresses { line1 } } }', { id: customer.id }, neighbour);
  expect(peek.data).toEqual({ user: { name: customer.name, addresses: null } });
  expect(code(peek)).toBe('FORBIDDEN');
  const audit = await gql('query ($id: ID!) { user(id: $id) { addresses { line1 } } }', { id: customer.id }, admin);
  expect(audit.data!.user.addresses.map((a: { line1: string }) => a.line1)).toContain('9 Private Ln');
  expect((await gql(MINE, undefined, shopper)).data!.me.addresses.map((a: { line1: string }) => a.line1)).not.toContain('Hijacked');
});

test('bad addresses are BAD_USER_INPUT and write nothing', async () => {
  const before = (await gql(MINE, undefined, neighbour)).data!.me.addresses.length;
  for (const input of [
    { ...home, country: 'USA' },
    { ...home, line1: 'x'.repeat(5_000) },
    { ...home, recipient: '   ' },
  ]) {
    expect(code(await gql(ADD, { i: input }, neighbour))).toBe('BAD_USER_INPUT');
  }
  expect(code(await gql('mutation { deleteAddress(id: "1; drop table addresses") }', undefined, neighbour))).toBe('BAD_USER_INPUT');
  expect((await gql(MINE, undefined, neighbour)).data!.me.addresses).toHaveLength(before);
});
