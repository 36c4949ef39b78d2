import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '@shopgraph/demo-data';
import { MANIFEST_PATH } from '../../tools/codegen/persisted-query-manifest';
import { describeInChromium } from '../support/browser';
import { expectText, fillAddress, useStorefrontInChromium } from './storefront-in-chromium';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describeInChromium('Storefront')('the storefront in headless Chromium', () => {
  const chromium = useStorefrontInChromium('storefront');
  const { sentDocuments, subscribeVariables } = chromium;
  const openPage = () => chromium.openPage();
  const shoot = chromium.shoot;
  const adminRequest = chromium.adminRequest;

  test('a shopper searches, adds to cart, signs in, pays, and watches the order go PAID, SHIPPED and (after a network drop) DELIVERED without a reload', async () => {
    const page = await openPage();
    await page.goto(chromium.storefront.url);
    // Survives anything but a full page load: proves every later step happened in this one page.
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));

    await page.getByLabel('Search products').fill('lamp');
    await page.getByRole('button', { name: 'Search' }).click();
    await page
      .getByTestId('result-count')
      .filter({ hasText: /^\d+ products$/ })
      .waitFor();
    await page.getByTestId('category-facets').locator('button').first().waitFor();
    await shoot(page, '01-search-with-facets');

    await page.getByTestId('product-card').first().click();
    await page.getByTestId('rating-histogram').waitFor();
    await expectText(page.getByTestId('stock'), /in stock/i);
    await shoot(page, '02-product');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expectText(page.getByTestId('cart-count'), '1');

    await page.getByTestId('cart-link').click();
    await page.getByTestId('cart-lines').waitFor();
    await shoot(page, '03-cart-signed-out');
    await page.getByRole('link', { name: 'Sign in to check out' }).click();
    await page.getByLabel('Email').fill('customer@shopgraph.dev');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // Signed in, the local pick moved into the server cart, and checkout opened.
    await expectText(page.getByTestId('signed-in-as'), /\w/);
    await expectText(page.getByTestId('checkout-summary'), /^1 items/);
    // The demo customer may have no address yet: then checkout asks for one.
    await page.locator('[data-testid=address-form], [data-testid=address-choice]').first().waitFor();
    if (await page.getByTestId('address-form').isVisible()) await fillAddress(page, 'Casey Customer');
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await shoot(page, '04-checkout');
    await page.getByRole('button', { name: 'Place order' }).click();

    await expectText(page.getByTestId('order-status'), 'PAID');
    // Both changes arrived over the subscription: the creation (PENDING) and the payment.
    await expectText(page.getByTestId('status-timeline'), /PENDING[\s\S]*PENDING → PAID/);
    await expectText(page.getByTestId('live-state'), /live/);
    await shoot(page, '05-order-paid-live');
    const orderId = page.url().split('/orders/')[1]!;

    expect(
      (await adminRequest('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA1") { status } }', { id: orderId })).errors,
    ).toBeUndefined();
    await expectText(page.getByTestId('order-status'), 'SHIPPED');
    await shoot(page, '06-order-shipped-live');

    // The network drops: every connection is cut and the browser is offline while the order is delivered.
    await page.context().setOffline(true);
    chromium.storefront.dropConnections();
    await expectText(page.getByTestId('live-state'), /reconnecting/);
    expect((await adminRequest('mutation ($id: ID!) { markDelivered(orderId: $id) { status } }', { id: orderId })).errors).toBeUndefined();
    await shoot(page, '07-offline');
    await page.context().setOffline(false);
    await expectText(page.getByTestId('order-status'), 'DELIVERED', 40_000);
    await expectText(page.getByTestId('live-state'), /live/);
    const timeline = await page.getByTestId('status-timeline').innerText();
    expect(timeline.match(/SHIPPED → DELIVERED/g)).toHaveLength(1);
    // It came back by resubscribing after the last cursor it had seen, not from the start.
    expect(subscribeVariables).toContainEqual({ orderId, after: expect.stringMatching(/^[1-9]\d*-\d+$/) });
    await shoot(page, '08-order-delivered-after-reconnect');
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.context().close();
  });

  test('a new shopper registers, adds a shipping address in checkout, and a declined card shows the failure', async () => {
    const page = await openPage();
    await page.goto(`${chromium.storefront.url}/#/login`);
    await page.getByRole('button', { name: 'New here? Create an account' }).click();
    await page.getByLabel('Name').fill('Dana Declined');
    await page.getByLabel('Email').fill(`dana-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('a-long-password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.getByTestId('signed-in-as'), 'Dana Declined');
    await shoot(page, '00-registered');

    await page.getByLabel('Search products').fill('lamp');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('product-card').first().click();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await expectText(page.getByTestId('cart-count'), '1');
    await page.goto(`${chromium.storefront.url}/#/checkout`);
    await page.getByTestId('address-form').waitFor();
    await fillAddress(page, 'Dana Declined');
    await page.getByLabel('Card number').fill('4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Place order' }).click();
    await expectText(page.getByTestId('payment-failed'), /Payment failed/);
    await expectText(page.getByTestId('payment-failed'), /PAYMENT_FAILED/);
    await shoot(page, '09-card-declined');
    // The cart is kept for another card.
    await expectText(page.getByTestId('cart-count'), '1');

    await page.getByRole('link', { name: 'Orders' }).click();
    await expectText(page.getByTestId('order-history'), /PAYMENT_FAILED/);
    await shoot(page, '10-order-history');
    await page.context().close();
  });

  test('every operation the storefront sent is in the trusted-documents manifest', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { operations: { id: string; name: string }[] };
    const ids = new Set(manifest.operations.map((operation) => operation.id));
    expect(sentDocuments.size).toBeGreaterThan(8);
    for (const document of sentDocuments) expect({ document, inManifest: ids.has(sha256(document)) }).toEqual({ document, inManifest: true });
  });

  test('Sandbox: the gateway serves its landing page with the example operations, and a query runs from that page', async () => {
    const page = await openPage();
    const response = await page.goto(chromium.platform.gatewayUrl, { waitUntil: 'domcontentloaded' });
    const html = await response!.text();
    expect(html).toContain('EmbeddedSandbox');
    expect(html).toContain('query Browse');
    expect(html).toContain('subscription OrderStatus');
    // Sandbox's app itself comes from Apollo's CDN; this machine has no route to it, so the embed
    // may never render. What it would send, the page can: a query to its own origin.
    const result = await page.evaluate(async (url) => {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ categories { name } }' }),
      });
      return (await answer.json()) as { data?: { categories: { name: string }[] } };
    }, chromium.platform.gatewayUrl);
    expect(result.data?.categories.length).toBeGreaterThan(0);
    const sandboxRendered = await page
      .frameLocator('iframe')
      .locator('body')
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    process.stderr.write(`Sandbox app from the CDN ${sandboxRendered ? 'rendered' : 'did not render (no network to its CDN)'}\n`);
    await shoot(page, '11-sandbox-landing');
    await page.context().close();
  });
});
