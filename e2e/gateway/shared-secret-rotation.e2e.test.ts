import type { RunningService } from '@shopgraph/server';
import { graphqlRequest } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { gatewayOver } from './gateway-over-platform';

// Rotating GATEWAY_SHARED_SECRET without a window of refused requests: while subgraphs also accept
// the other secret (GATEWAY_SHARED_SECRET_ALSO_ACCEPTED), gateways signing with either one work.
const NEXT_SECRET = 'the-next-gateway-secret-0123456789abcdef';
const UNKNOWN_SECRET = 'a-secret-no-subgraph-knows-0123456789abc';
const ACROSS_SUBGRAPHS = '{ products(first: 3) { edges { node { name stock { available } rating { count } } } } }';

let platform: TestPlatform;
const gateways: RunningService[] = [];
beforeAll(async () => {
  platform = await startPlatformForTest({ alsoAcceptedGatewaySecret: NEXT_SECRET });
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  await platform?.stop();
});

async function gatewaySigningWith(secret: string): Promise<string> {
  const gateway = await gatewayOver(platform, { gatewaySecret: secret });
  gateways.push(gateway);
  return gateway.url;
}

test('a gateway signing with the current secret and one signing with the also-accepted secret get the same answers', async () => {
  const current = await graphqlRequest(platform.gatewayUrl, ACROSS_SUBGRAPHS);
  const next = await graphqlRequest(await gatewaySigningWith(NEXT_SECRET), ACROSS_SUBGRAPHS);
  expect(current.errors).toBeUndefined();
  expect(current.data!.products.edges).toHaveLength(3);
  expect(next).toMatchObject({ status: 200, data: current.data });
  expect(next.errors).toBeUndefined();
});

test('a gateway signing with a secret the subgraphs do not know is refused by every subgraph', async () => {
  const refused = await graphqlRequest(await gatewaySigningWith(UNKNOWN_SECRET), ACROSS_SUBGRAPHS);
  expect(refused.data?.products ?? null).toBeNull();
  expect(refused.errors?.length).toBeGreaterThan(0);
  expect(JSON.stringify(refused.errors)).toContain('Requests must come through the gateway');
});
