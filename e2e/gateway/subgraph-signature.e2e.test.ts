import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { signSubgraphRequest, VIEWER_HEADER, SIGNATURE_HEADER } from '@shopgraph/auth';
import { demoUsers } from '@shopgraph/demo-data';
import { graphqlRequest, TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';

// Exposing a subgraph's port must not be a way around the gateway.
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatformForTest();
});
afterAll(() => platform?.stop());

const admin = demoUsers.find((user) => user.role === 'ADMIN')!;
const ENTITIES = {
  query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { email role } } }',
  variables: { r: [{ __typename: 'User', id: admin.id }] },
};

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

test('a subgraph refuses _entities and _service without the gateway signature', async () => {
  for (const body of [JSON.stringify(ENTITIES), JSON.stringify({ query: '{ _service { sdl } }' })]) {
    const response = await post(platform.subgraphs.users.url, body);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data).toBeUndefined();
  }
});

test('a forged, a tampered, and a replayed signature are refused', async () => {
  const body = JSON.stringify(ENTITIES);
  const asAdmin = { id: admin.id, roles: ['ADMIN' as const] };
  const forged = signSubgraphRequest('a-secret-the-attacker-guessed-0123456789', asAdmin, body);
  expect((await post(platform.subgraphs.users.url, body, forged)).status).toBe(401);

  const genuine = signSubgraphRequest(TEST_GATEWAY_SECRET, { id: null, roles: [] }, JSON.stringify({ query: '{ users(first: 1) { id } }' }));
  expect((await post(platform.subgraphs.users.url, body, genuine)).status).toBe(401);

  const promoted = { ...genuine, [VIEWER_HEADER]: Buffer.from(JSON.stringify({ sub: admin.id, roles: ['ADMIN'], exp: 9e9 })).toString('base64url') };
  expect((await post(platform.subgraphs.users.url, body, promoted)).status).toBe(401);
  expect((await post(platform.subgraphs.users.url, body, { ...genuine, [SIGNATURE_HEADER]: 'v1=' })).status).toBe(401);
});

test('the same operation through the gateway works, whatever identity headers the client adds', async () => {
  const response = await graphqlRequest(
    platform.gatewayUrl,
    'query ($id: ID!) { user(id: $id) { name } }',
    { id: admin.id },
    {
      [VIEWER_HEADER]: 'forged',
      [SIGNATURE_HEADER]: 'v1=forged',
    },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data).toEqual({ user: { name: admin.name } });
});

test('in production a subgraph will not start without GATEWAY_SHARED_SECRET, and says so', () => {
  const { GATEWAY_SHARED_SECRET: _unset, ...env } = process.env;
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'subgraphs', 'users', 'src', 'main.ts')], {
    env: { ...env, NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1:1/none', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(result.status).toBe(1);
  expect(result.stderr).toMatch(/GATEWAY_SHARED_SECRET \(unset\): required when NODE_ENV=production/);
});
