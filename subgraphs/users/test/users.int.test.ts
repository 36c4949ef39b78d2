import { demoUsers } from '@shopgraph/demo-data';
import postgres from 'postgres';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

let users: TestService;
const asAdmin = { id: demoUsers[0]!.id, roles: ['ADMIN' as const] };
beforeAll(async () => {
  users = await startServiceForTest('users', startService);
});
afterAll(() => users?.stop());

const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id name email role } } }';

test('the seeded users are there, one of them the admin', async () => {
  const { data, errors } = await users.request('{ users(first: 100) { email role } }', {}, asAdmin);
  expect(errors).toBeUndefined();
  expect(data!.users).toHaveLength(demoUsers.length);
  expect(data!.users.filter((user: { role: string }) => user.role === 'ADMIN')).toEqual([{ email: 'admin@shopgraph.dev', role: 'ADMIN' }]);
});

test('user(id): found, unknown is null, malformed is BAD_USER_INPUT', async () => {
  const [admin] = demoUsers;
  const found = await users.request('query ($id: ID!) { user(id: $id) { name email } }', { id: admin!.id }, asAdmin);
  expect(found.data).toEqual({ user: { name: admin!.name, email: admin!.email } });
  const unknown = await users.request('{ user(id: "00000000-0000-4000-8000-000000000000") { name } }');
  expect(unknown.data).toEqual({ user: null });
  const malformed = await users.request(`{ user(id: "'; drop table users; --") { name } }`);
  expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const tooMany = await users.request('{ users(first: 101) { id } }', {}, asAdmin);
  expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('twenty User entities resolve in one SQL statement, in the order asked, unknown as null', async () => {
  const representations = [...demoUsers].reverse().map((user) => ({ __typename: 'User', id: user.id }));
  representations.push({ __typename: 'User', id: '00000000-0000-4000-8000-000000000000' });
  const before = users.statements!.count;
  const { data, errors } = await users.request(ENTITIES, { r: representations }, asAdmin);
  expect(errors).toBeUndefined();
  expect(users.statements!.count - before).toBe(1);
  expect(data!._entities.map((user: { id: string } | null) => user?.id ?? null)).toEqual([...[...demoUsers].reverse().map((user) => user.id), null]);
});

test('emails are unique whatever their case', async () => {
  const client = postgres(users.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await expect(client`insert into users (email, name) values ('ADMIN@shopgraph.dev', 'Impostor')`).rejects.toMatchObject({ code: '23505' });
  } finally {
    await client.end();
  }
});
