import { signSubgraphRequest, type Viewer } from '@shopgraph/auth';
import { DEMO_CUSTOMER_EMAIL, demoUsers } from '@shopgraph/demo-data';
import { startOwnRedis, startServiceForTest, type OwnRedis, type TestService, TEST_GATEWAY_SECRET } from '@shopgraph/testing';
import { startService } from '../src';

// A captured subgraph request carries a valid signature for its lifetime (60 s): sent again, a
// mutation must not run again, on any replica. Queries may (docs/security.md says why).
const customer = demoUsers.find((user) => user.email === DEMO_CUSTOMER_EMAIL)!;
const asCustomer: Viewer = { id: customer.id, roles: ['CUSTOMER'] };
const ADD_ADDRESS = 'mutation ($i: AddressInput!) { addAddress(input: $i) { id } }';
const ADDRESSES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { addresses { id recipient } } } }';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** One captured request: the exact bytes and headers, as the gateway signed them once. */
function capture(query: string, variables: Record<string, unknown>): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ query, variables });
  return { body, headers: { 'content-type': 'application/json', ...signSubgraphRequest(TEST_GATEWAY_SECRET, asCustomer, body) } };
}

async function send(service: TestService, request: { body: string; headers: Record<string, string> }): Promise<Answer> {
  const response = await fetch(service.url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const addressesOf = async (service: TestService, recipient: string) => {
  const answer = await service.request(ADDRESSES, { r: [{ __typename: 'User', id: customer.id }] }, asCustomer);
  return (answer.data?._entities[0].addresses as { recipient: string }[]).filter((address) => address.recipient === recipient);
};
const addressInput = (recipient: string) => ({ i: { recipient, line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' } });

describe('signed subgraph requests are single-use for mutations', () => {
  let redis: OwnRedis;
  let replicaA: TestService;
  let replicaB: TestService;

  beforeAll(async () => {
    redis = await startOwnRedis();
    replicaA = await startServiceForTest('users', startService, { redisUrl: redis.url });
    // A second replica over the same database and Redis namespace, as a deployment runs them.
    replicaB = await startServiceForTest('users', startService, { redisUrl: redis.url, databasePrefix: replicaA.databasePrefix, seed: false });
  }, 60_000);

  afterAll(async () => {
    await replicaB?.stop();
    await replicaA?.stop();
    await redis?.destroy();
  });

  it('refuses a mutation sent a second time, to the same replica or another', async () => {
    const captured = capture(ADD_ADDRESS, addressInput('Replay Victim'));
    const first = await send(replicaA, captured);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();

    for (const replica of [replicaA, replicaB]) {
      const again = await send(replica, captured);
      expect({ status: again.status, code: again.body.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      expect(again.body.errors?.[0]?.message).toMatch(/already used/);
      expect(again.body.data).toBeUndefined();
    }
    expect(await addressesOf(replicaA, 'Replay Victim')).toHaveLength(1);
  });

  it('runs two identical mutations the gateway signed separately (a shopper who clicks twice)', async () => {
    for (let time = 0; time < 2; time += 1) expect((await send(replicaA, capture(ADD_ADDRESS, addressInput('Clicked Twice')))).body.errors).toBeUndefined();
    expect(await addressesOf(replicaB, 'Clicked Twice')).toHaveLength(2);
  });

  it('answers a replayed query: it reads what the viewer may read anyway', async () => {
    const captured = capture(ADDRESSES, { r: [{ __typename: 'User', id: customer.id }] });
    expect((await send(replicaA, captured)).status).toBe(200);
    const again = await send(replicaB, captured);
    expect(again.status).toBe(200);
    expect(again.body.errors).toBeUndefined();
  });

  it('refuses mutations while the shared nonce store is unreachable, and says so', async () => {
    await redis.stop();
    try {
      const answer = await send(replicaA, capture(ADD_ADDRESS, addressInput('During Outage')));
      expect({ status: answer.status, code: answer.body.errors?.[0]?.extensions?.code }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    } finally {
      await redis.start();
    }
  });
});

describe('in the single-process mode (no Redis)', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startServiceForTest('users', startService);
  }, 60_000);
  afterAll(() => service?.stop());

  it('remembers nonces in-process and refuses the replay', async () => {
    const captured = capture(ADD_ADDRESS, addressInput('Replay Victim'));
    expect((await send(service, captured)).body.errors).toBeUndefined();
    expect((await send(service, captured)).status).toBe(401);
  });
});
