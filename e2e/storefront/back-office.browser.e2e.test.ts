import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoProducts, demoStock } from '@shopgraph/demo-data';
import { eventually, graphqlRequest, signIn } from '@shopgraph/testing';
import { describeInChromium } from '../support/browser';
import { expectText, signInOnPage, useStorefrontInChromium } from './storefront-in-chromium';

/** The refunded amount in the dashboard's "$1,234.50 of $9,876.00 paid", in cents. */
const centsIn = (text: string) => Math.round(Number(/([\d.,]+) of \S+ paid/.exec(text)![1]!.replace(/,/g, '')) * 100);

const inStock = demoStock.filter((row) => row.onHand >= 20).map((row) => demoProducts.find((product) => product.id === row.productId)!);

describeInChromium('Back office')('the back office in headless Chromium', () => {
  const chromium = useStorefrontInChromium('back-office');
  const as =
    (headers: Record<string, string>) =>
    (query: string, variables: Record<string, unknown> = {}) =>
      graphqlRequest(chromium.platform.gatewayUrl, query, variables, headers);

  /** A new customer with an address, and a paid order of one product, placed through the gateway. */
  async function paidOrder(): Promise<{ orderId: string; email: string }> {
    const email = `back-office-${randomUUID()}@example.com`;
    const registered = await as({})('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email, password: DEMO_PASSWORD, name: 'Bo Buyer' },
    });
    const customer = as({ authorization: `Bearer ${registered.data!.register.accessToken}` });
    const address = await customer('mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', {
      i: { recipient: 'Bo Buyer', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
    });
    await customer('mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: inStock[0]!.id });
    const placed = await customer(
      'mutation ($a: ID!, $k: String!) { checkout(input: { addressId: $a, cardNumber: "4242 4242 4242 4242" }, idempotencyKey: $k) { ... on OrderPlaced { order { id status } } } }',
      { a: address.data!.addAddress.id, k: randomUUID() },
    );
    expect(placed.data!.checkout.order.status).toBe('PAID');
    return { orderId: placed.data!.checkout.order.id, email };
  }

  test('an admin ships a paid order with a tracking number, and the customer’s open order page turns SHIPPED live; delivered, then refunded', async () => {
    const { orderId, email } = await paidOrder();
    const customerPage = await chromium.openPage();
    await signInOnPage(customerPage, chromium.storefront.url, email, DEMO_PASSWORD, `/orders/${orderId}`);
    await expectText(customerPage.getByTestId('order-status'), 'PAID');
    await expectText(customerPage.getByTestId('live-state'), /live/);

    const adminPage = await chromium.openPage();
    await signInOnPage(adminPage, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD);
    await adminPage.getByRole('link', { name: 'Back office' }).click();
    await adminPage.getByLabel('Filter by status').selectOption('PAID');
    const row = adminPage.locator(`[data-order-id="${orderId}"]`);
    await row.getByLabel('Carrier').fill('UPS');
    await row.getByLabel('Tracking number').fill('1Z-BACK-OFFICE');
    await chromium.shoot(adminPage, '01-orders-to-ship');
    await row.getByRole('button', { name: 'Ship' }).click();

    // The customer's page was not touched: the subscription brings the change.
    await expectText(customerPage.getByTestId('order-status'), 'SHIPPED');
    await expectText(customerPage.locator('.order'), /Shipped with UPS, tracking 1Z-BACK-OFFICE/);

    await adminPage.getByLabel('Filter by status').selectOption('');
    await expectText(row.getByTestId('admin-order-status'), 'SHIPPED');
    await row.getByRole('button', { name: 'Mark delivered' }).click();
    await expectText(row.getByTestId('admin-order-status'), 'DELIVERED');
    await expectText(customerPage.getByTestId('order-status'), 'DELIVERED');

    // The dashboard (analytics subgraph, fed by the order events) before the refund...
    const dashboard = await chromium.openPage();
    await signInOnPage(dashboard, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD, '/admin/dashboard');
    const refunds = dashboard.getByTestId('refund-rate');
    await expectText(refunds, /of [1-9]\d* paid orders/);
    const refundedBefore = Number(/(\d+) of \d+ paid orders/.exec(await refunds.innerText())![1]);
    const refundedRevenue = dashboard.getByTestId('refunded-revenue');
    await expectText(refundedRevenue, /of \S+ paid/);
    const refundedCentsBefore = centsIn(await refundedRevenue.innerText());

    await row.getByRole('button', { name: 'Refund all' }).click();
    await expectText(row.getByTestId('admin-order-status'), 'REFUNDED');
    await expectText(customerPage.getByTestId('order-status'), 'REFUNDED');
    await chromium.shoot(adminPage, '02-order-refunded');
    // ...and after it: the refund rate moves by this order once analytics has read its event.
    await expectText(refunds, new RegExp(`\\b${refundedBefore + 1} of \\d+ paid orders`), 30_000);
    const paidCents = (await chromium.adminRequest('query ($id: ID!) { order(id: $id) { paid { amount } } }', { id: orderId })).data!.order.paid.amount;
    // ...and the refunded revenue by what this order had paid.
    const refundedCentsAfter = refundedCentsBefore + paidCents;
    await eventually(
      `the refunded revenue to reach ${refundedCentsAfter} cents`,
      async () => (centsIn(await refundedRevenue.innerText()) === refundedCentsAfter ? true : undefined),
      30_000,
    );
    await chromium.shoot(dashboard, '04-dashboard');
    await dashboard.context().close();

    // What the page showed is what the orders subgraph holds.
    const order = await chromium.adminRequest(
      'query ($id: ID!) { order(id: $id) { status paid { amount } refunded { amount } shipment { carrier trackingNumber } } }',
      { id: orderId },
    );
    expect(order.data!.order).toEqual({
      status: 'REFUNDED',
      paid: order.data!.order.paid,
      refunded: order.data!.order.paid,
      shipment: { carrier: 'UPS', trackingNumber: '1Z-BACK-OFFICE' },
    });
    await adminPage.context().close();
    await customerPage.context().close();
  });

  test('an admin approves a review from the moderation queue, and it appears on the product page', async () => {
    const reviewer = await signIn(chromium.platform.gatewayUrl, 'customer@shopgraph.dev').catch(() => undefined);
    expect(reviewer).toBeDefined();
    // A product the demo customer has not reviewed (a second review of one product is a CONFLICT).
    const title = `Back office check ${randomUUID().slice(0, 8)}`;
    let created: { id: string; product: { slug: string } } | undefined;
    for (const product of demoProducts) {
      const answer = await as(reviewer!.headers)('mutation ($i: CreateReviewInput!) { createReview(input: $i) { id status product { slug } } }', {
        i: { productId: product.id, rating: 4, title, body: 'Sturdy, and it arrived fast.' },
      });
      if (answer.data?.createReview) {
        created = answer.data.createReview;
        expect(answer.data.createReview.status).toBe('PENDING');
        break;
      }
      expect(answer.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    expect(created).toBeDefined();

    const page = await chromium.openPage();
    await signInOnPage(page, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD, '/admin/reviews');
    // The queue is oldest first: the new review is on its last page.
    await page.getByTestId('moderation-queue').locator('[data-testid=pending-review]').first().waitFor();
    const pending = page.locator(`[data-review-id="${created!.id}"]`);
    while ((await pending.count()) === 0) {
      const newer = page.getByRole('button', { name: 'Newer reviews' });
      const pages = await page.getByTestId('pending-review').count();
      await newer.click();
      await page.getByTestId('pending-review').nth(pages).waitFor();
    }
    await expectText(pending.locator('h3'), new RegExp(title));
    await chromium.shoot(page, '03-moderation-queue');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await pending.waitFor({ state: 'detached' });

    await page.goto(`${chromium.storefront.url}/#/product/${created!.product.slug}`);
    await expectText(page.locator('.reviews'), new RegExp(title));
    await page.context().close();
  });

  test('an admin adjusts a product’s stock, a shopper’s open product page shows the new count live, and a customer cannot open the back office', async () => {
    const product = inStock[1]!;
    const before = await chromium.adminRequest('query ($id: ID!) { product(id: $id) { stock { available } } }', { id: product.id });
    const available = before.data!.product.stock.available as number;

    // A shopper has the product page open, signed out.
    const shopper = await chromium.openPage();
    await shopper.goto(`${chromium.storefront.url}/#/product/${product.slug}`);
    await expectText(shopper.getByTestId('stock'), new RegExp(`^${available} in stock$`, 'i'));

    const page = await chromium.openPage();
    await signInOnPage(page, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD, '/admin/products');
    await page.getByLabel('Find products').fill(product.name);
    const row = page.locator(`[data-product-id="${product.id}"]`);
    await expectText(row.getByTestId('admin-stock'), new RegExp(`^${available} available`));
    await row.getByLabel('Stock change').fill('5');
    await row.getByRole('button', { name: 'Adjust stock' }).click();
    await expectText(row.getByTestId('admin-stock'), new RegExp(`^${available + 5} available`));
    // ...and sees the new count without a reload: inventory's stockChanged through the gateway.
    await expectText(shopper.getByTestId('stock'), new RegExp(`^${available + 5} in stock$`, 'i'));
    await page.context().close();
    await shopper.context().close();

    const customerPage = await chromium.openPage();
    await signInOnPage(customerPage, chromium.storefront.url, 'customer@shopgraph.dev', DEMO_PASSWORD, '/admin/orders');
    await expectText(customerPage.locator('main'), 'The back office is for admins.');
    expect(await customerPage.getByRole('link', { name: 'Back office' }).count()).toBe(0);
    await customerPage.context().close();
  });
  test('an admin creates a category and a product in it and stocks it, and shoppers see it; promotes a new user, who then has the back office', async () => {
    const tag = randomUUID().slice(0, 8);
    const page = await chromium.openPage();
    await signInOnPage(page, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD, '/admin/categories');
    await page.getByLabel('Category name').fill(`Desk Lamps ${tag}`);
    await page.getByRole('button', { name: 'Create category' }).click();
    await page
      .getByTestId('admin-category')
      .filter({ hasText: `Desk Lamps ${tag}` })
      .waitFor();
    // Under it, and under that one: every level can be a parent, and the list shows each under its path.
    for (const [child, parent] of [
      [`Reading ${tag}`, `Desk Lamps ${tag}`],
      [`Clip-on ${tag}`, `Desk Lamps ${tag} › Reading ${tag}`],
    ]) {
      await page.getByLabel('Category name').fill(child!);
      await page.getByLabel('Parent category').selectOption({ label: parent! });
      await page.getByRole('button', { name: 'Create category' }).click();
      await page
        .getByTestId('admin-category')
        .filter({ hasText: `${parent} › ${child}` })
        .waitFor();
    }

    await page.getByRole('link', { name: 'Products' }).click();
    await page.getByLabel('SKU', { exact: true }).fill(`BO-${tag}`);
    await page.getByLabel('Product name', { exact: true }).fill(`Office Lamp ${tag}`);
    await page.getByLabel('Price', { exact: true }).fill('12.50');
    await page.getByLabel('Category', { exact: true }).selectOption({ label: `Desk Lamps ${tag}` });
    await page.getByRole('button', { name: 'Create product' }).click();
    const row = page.getByTestId('admin-product').filter({ hasText: `Office Lamp ${tag}` });
    await expectText(row.getByTestId('admin-stock'), /no stock record|^0 available/);
    await row.getByLabel('Stock change').fill('7');
    await row.getByRole('button', { name: 'Adjust stock' }).click();
    await expectText(row.getByTestId('admin-stock'), /^7 available/);
    await chromium.shoot(page, '05-new-product');

    // Found by the SKU as typed: the products subgraph keeps SKUs in upper case.
    const found = await chromium.adminRequest('query ($sku: String!) { product(sku: $sku) { sku slug price { amount } category { name } } }', {
      sku: `bo-${tag}`,
    });
    const created = found.data!.product;
    expect(created).toMatchObject({ sku: `BO-${tag.toUpperCase()}`, price: { amount: 1250 }, category: { name: `Desk Lamps ${tag}` } });
    const shopper = await chromium.openPage();
    await shopper.goto(`${chromium.storefront.url}/#/product/${created.slug}`);
    await expectText(shopper.getByTestId('stock'), /^7 in stock$/i);
    await shopper.context().close();

    // A new account, made an admin from the Users screen, gets the back office at its next sign-in.
    const email = `promoted-${tag}@example.com`;
    await as({})('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
      i: { email, password: DEMO_PASSWORD, name: `Pat Promoted ${tag}` },
    });
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Find users').fill(email);
    const user = page.locator(`[data-user-email="${email}"]`);
    await user.getByLabel('Role').selectOption('ADMIN');
    // The select shows what the users subgraph answered; the subgraph holds it.
    await eventually('the role to be saved', async () => ((await user.getByLabel('Role').inputValue()) === 'ADMIN' ? true : undefined));
    const roles = await chromium.adminRequest('query ($s: String!) { users(search: $s) { email role } }', { s: email });
    expect(roles.data!.users).toEqual([{ email, role: 'ADMIN' }]);
    await page.context().close();

    const newAdmin = await chromium.openPage();
    await signInOnPage(newAdmin, chromium.storefront.url, email, DEMO_PASSWORD, '/admin/orders');
    await newAdmin.getByTestId('admin-orders').waitFor();
    expect(await newAdmin.getByRole('link', { name: 'Back office' }).count()).toBe(1);
    await newAdmin.context().close();
  });
});
