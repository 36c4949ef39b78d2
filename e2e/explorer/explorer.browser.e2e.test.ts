import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DEMO_CUSTOMER_EMAIL, DEMO_PASSWORD, demoProducts, demoStock } from '@shopgraph/demo-data';
import { EXPLORER_PATH } from '@shopgraph/gateway';
import { graphqlRequest, testRedisUrl } from '@shopgraph/testing';
import { gatewayOver } from '../gateway/gateway-over-platform';
import { startPlatformForTest, type TestPlatform } from '../support';
import { describeInChromium, launchChromium, REPO_ROOT, textExpecter, viteBuildForTest } from '../support/browser';

const ARTIFACTS = join(REPO_ROOT, 'test-artifacts', 'explorer');
const expectText = textExpecter(ARTIFACTS);

const LOGIN = 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }';
const ADDRESSES = '{ me { addresses { id recipient } } }';
const CHECKOUT = `mutation ($a: ID!, $k: String!) {
  checkout(input: { addressId: $a, cardNumber: "4242 4242 4242 4242" }, idempotencyKey: $k) { __typename ... on OrderPlaced { order { id } } }
}`;

describeInChromium('Explorer')('the offline explorer (GraphiQL served by the gateway) in headless Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let distDir: string;
  let page: Page;
  /** Every URL the page asked for that is not the gateway's origin: the explorer must need none. */
  const foreignRequests: string[] = [];

  const signIn = async (email: string) => {
    const login = await graphqlRequest(platform.gatewayUrl, LOGIN, { e: email, p: DEMO_PASSWORD });
    return { authorization: `Bearer ${login.data!.login.accessToken}` };
  };
  const shoot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  /** The run button lists the document's operations; picking one runs it, as in Sandbox's Run menu. */
  const runOperation = async (name: string) => {
    await page.locator('.graphiql-execute-button').click();
    // Every operation of the document is offered, the mutations and the subscription too.
    await expectText(page.getByRole('menu'), /Browse[\s\S]*Login[\s\S]*AddAddress[\s\S]*OrderStatus/);
    await page.getByRole('menuitem', { name, exact: true }).click();
  };
  const response = () => page.locator('.graphiql-response .result-window');

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    distDir = viteBuildForTest(join(REPO_ROOT, 'apps', 'explorer'));
    platform = await startPlatformForTest({ redisUrl: testRedisUrl(), explorerDist: distDir });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    const origin = new URL(platform.gatewayUrl).origin;
    page.on('request', (request) => {
      if (new URL(request.url()).origin !== origin && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
        foreignRequests.push(request.url());
    });
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    if (distDir) rmSync(distDir, { recursive: true, force: true });
  });

  test("Sandbox's landing page links to the explorer, which opens with Sandbox's example operations", async () => {
    // A page of its own: Sandbox's page loads from Apollo's CDN, which the explorer's page must not.
    const landingPage = await browser.newPage();
    const landing = await landingPage.goto(platform.gatewayUrl, { waitUntil: 'domcontentloaded' });
    expect(await landing!.text()).toContain('EmbeddedSandbox');
    // Sandbox cannot load from its CDN here; its fallback text now points to the gateway's own explorer.
    await landingPage.locator('#offline-explorer').click();
    await landingPage.waitForURL(`**${EXPLORER_PATH}/`);
    // Monaco draws only the lines in view: the document's head, with the demo accounts, and its first operation.
    await expectText(landingPage.locator('.graphiql-query-editor'), /Demo accounts: customer@shopgraph\.dev[\s\S]*query Browse/);
    await landingPage.close();

    await page.goto(new URL(`${EXPLORER_PATH}/`, platform.gatewayUrl).href);
    await expectText(page.locator('.graphiql-query-editor'), /query Browse/);
  });

  test('a query runs and its result shows in the response pane', async () => {
    await runOperation('Browse');
    const categories = (await graphqlRequest(platform.gatewayUrl, '{ categories { name } }')).data!.categories as { name: string }[];
    await expectText(response(), new RegExp(`"categories"[\\s\\S]*"${categories[0]!.name}"`));
  });

  test('a mutation is refused without a token, then succeeds with the demo login the panel puts in the Headers editor', async () => {
    await runOperation('AddAddress');
    await expectText(response(), /UNAUTHENTICATED/);

    await page.getByRole('button', { name: 'Show Demo logins' }).click();
    await page.getByRole('button', { name: 'Sign in as customer' }).click();
    await expectText(page.getByTestId('demo-logins').getByRole('status'), /Signed in as customer@shopgraph\.dev/);
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Headers', exact: true }).click();
    await expectText(page.locator('.graphiql-editor-tool'), /"Authorization": "Bearer ey/);

    await runOperation('AddAddress');
    // The response pane wraps long lines, so a key and its value may be on two lines.
    await expectText(response(), /"addAddress"[\s\S]*"id":\s*"[0-9a-f-]{36}"/);
    const addressId = /"id":\s*"([0-9a-f-]{36})"/.exec((await response().innerText()).replace(/\u00a0/g, ' '))![1]!;
    // The gateway stored it for the signed-in customer, not just answered.
    const customer = await signIn(DEMO_CUSTOMER_EMAIL);
    const addresses = (await graphqlRequest(platform.gatewayUrl, ADDRESSES, {}, customer)).data!.me.addresses as { id: string }[];
    expect(addresses.map((address) => address.id)).toContain(addressId);
  });

  test('a subscription streams a status change the test causes while it is open', async () => {
    const customer = await signIn(DEMO_CUSTOMER_EMAIL);
    const admin = await signIn('admin@shopgraph.dev');
    const addressId = ((await graphqlRequest(platform.gatewayUrl, ADDRESSES, {}, customer)).data!.me.addresses as { id: string }[])[0]!.id;
    const product = demoStock.filter((row) => row.onHand >= 20).map((row) => demoProducts.find((candidate) => candidate.id === row.productId)!)[0]!;
    expect(
      (await graphqlRequest(platform.gatewayUrl, 'mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: product.id }, customer))
        .errors,
    ).toBeUndefined();
    const placed = await graphqlRequest(platform.gatewayUrl, CHECKOUT, { a: addressId, k: randomUUID() }, customer);
    expect(placed.data?.checkout.__typename).toBe('OrderPlaced');
    const orderId = placed.data!.checkout.order.id as string;

    // OrderStatus replays the order's history (after: "0-0") and then stays open for live changes.
    await page.locator('.graphiql-editor-tools').getByRole('button', { name: 'Variables', exact: true }).click();
    await page.locator('.graphiql-editor-tool .graphiql-editor:visible').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify({ orderId }));
    await page.keyboard.press('Home');
    await runOperation('OrderStatus');
    await expectText(response(), /"status": "PAID"/);
    // Still open: the run button turned into a stop button.
    await page.getByRole('button', { name: /^Stop query/ }).waitFor();

    const shipped = await graphqlRequest(
      platform.gatewayUrl,
      'mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA1") { status } }',
      { id: orderId },
      admin,
    );
    expect(shipped.errors).toBeUndefined();
    await expectText(response(), /"previousStatus": "PAID"[\s\S]*"status": "SHIPPED"/);
    await shoot('explorer-subscription-live');
    await page.getByRole('button', { name: /^Stop query/ }).click();
  });

  test('nothing the explorer loaded came from anywhere but the gateway', () => {
    expect(foreignRequests).toEqual([]);
  });

  test('a production gateway serves no explorer, though the build is there', async () => {
    const production = await gatewayOver(platform, { production: true, explorerDist: distDir });
    try {
      const explorer = await fetch(new URL(`${EXPLORER_PATH}/`, production.url));
      expect(explorer.status).toBe(404);
      expect(await explorer.text()).not.toContain('explorer-config');
      const development = await fetch(new URL(`${EXPLORER_PATH}/`, platform.gatewayUrl));
      expect(await development.text()).toContain('explorer-config');
    } finally {
      await production.stop();
    }
  });
});
