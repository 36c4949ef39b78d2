import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD, demoCategories, demoProducts } from '@shopgraph/demo-data';
import { MANIFEST_PATH } from '../../tools/codegen/persisted-query-manifest';
import { describeInChromium } from '../support/browser';
import { expectText, signInOnPage, useStorefrontInChromium } from './storefront-in-chromium';

const [first, second] = demoCategories.filter((category) => category.parentId !== null);
const pathOf = (leaf: typeof first) => `${demoCategories.find((category) => category.id === leaf!.parentId)!.name} › ${leaf!.name}`;

describeInChromium('Product editing')('editing a product in the back office, in headless Chromium', () => {
  const chromium = useStorefrontInChromium('product-editing');

  test('an admin edits a product’s name, description and category and shoppers see them; a bad edit shows its error and changes nothing; archived, then restored', async () => {
    const tag = randomUUID().slice(0, 8);
    const made = await chromium.adminRequest('mutation ($i: CreateProductInput!) { createProduct(input: $i) { id slug } }', {
      i: { sku: `ED-${tag}`, name: `Plain Lamp ${tag}`, description: 'A lamp.', price: 1_500, categoryId: first!.id },
    });
    const { id, slug } = made.data!.createProduct as { id: string; slug: string };

    // A shopper has the product page open before the edit.
    const shopper = await chromium.openPage();
    await shopper.goto(`${chromium.storefront.url}/#/product/${slug}`);
    await expectText(shopper.locator('h1'), `Plain Lamp ${tag}`);

    const admin = await chromium.openPage();
    await signInOnPage(admin, chromium.storefront.url, 'admin@shopgraph.dev', DEMO_PASSWORD, '/admin/products');
    await admin.getByLabel('Find products').fill(`Plain Lamp ${tag}`);
    const row = admin.locator(`[data-product-id="${id}"]`);
    await row.getByRole('button', { name: 'Edit' }).click();
    const editor = admin.getByTestId('product-editor');
    // The form opens with what the products subgraph holds.
    await editor.getByLabel('Name', { exact: true }).waitFor();
    expect(await editor.getByLabel('Name', { exact: true }).inputValue()).toBe(`Plain Lamp ${tag}`);
    expect(await editor.getByLabel('Category', { exact: true }).inputValue()).toBe(first!.id);
    await editor.getByLabel('Name', { exact: true }).fill(`Reading Lamp ${tag}`);
    await editor.getByLabel('Description', { exact: true }).fill(`Warm, dimmable light ${tag} for long evenings.`);
    await editor.getByLabel('Category', { exact: true }).selectOption({ label: pathOf(second) });
    await editor.getByLabel('Attributes', { exact: true }).fill('Colour: Brass\nBulb: E27');
    await chromium.shoot(admin, '01-product-form');
    await editor.getByRole('button', { name: 'Save product' }).click();
    await editor.waitFor({ state: 'detached' });
    await expectText(row.locator('a').first(), `Reading Lamp ${tag}`);

    // The shopper's next look at the product, and a search, show the edit.
    await shopper.reload();
    await expectText(shopper.locator('h1'), `Reading Lamp ${tag}`);
    await expectText(shopper.locator('.product'), new RegExp(`Warm, dimmable light ${tag} for long evenings\\.`));
    await expectText(shopper.locator('.crumbs'), new RegExp(second!.name));
    await shopper.goto(`${chromium.storefront.url}/#/?q=${encodeURIComponent(`Reading Lamp ${tag}`)}`);
    await expectText(shopper.getByTestId('product-card').first(), new RegExp(`Reading Lamp ${tag}`));
    await expectText(shopper.getByTestId('result-count'), '1 products');

    // A bad edit: another product's slug, and an empty name. The form shows the subgraph's answer.
    await row.getByRole('button', { name: 'Edit' }).click();
    await editor.getByLabel('Slug', { exact: true }).fill(demoProducts[0]!.slug);
    await editor.getByRole('button', { name: 'Save product' }).click();
    await expectText(editor.getByRole('alert'), 'Another product has this slug');
    await editor.getByLabel('Slug', { exact: true }).fill(slug);
    await editor.getByLabel('Name', { exact: true }).fill('   ');
    await editor.getByRole('button', { name: 'Save product' }).click();
    await expectText(editor.getByRole('alert'), /name: must not be empty/);
    await chromium.shoot(admin, '02-refused-edit');
    await editor.getByRole('button', { name: 'Cancel' }).click();
    const stored = await chromium.adminRequest('query ($id: ID!) { product(id: $id) { name slug description category { id } attributes { name value } } }', {
      id,
    });
    expect(stored.data!.product).toEqual({
      name: `Reading Lamp ${tag}`,
      slug,
      description: `Warm, dimmable light ${tag} for long evenings.`,
      category: { id: second!.id },
      attributes: [
        { name: 'Bulb', value: 'E27' },
        { name: 'Colour', value: 'Brass' },
      ],
    });

    // Archived, it leaves the shop; restored from the archived list, it is back.
    await admin.getByLabel('Find products').fill(`Reading Lamp ${tag}`);
    await row.getByRole('button', { name: 'Archive' }).click();
    await row.waitFor({ state: 'detached' });
    await shopper.reload();
    await expectText(shopper.getByTestId('result-count'), '0 products');
    await admin.getByLabel('Archived products').check();
    await row.getByRole('button', { name: 'Restore' }).click();
    await row.waitFor({ state: 'detached' });
    await shopper.reload();
    await expectText(shopper.getByTestId('result-count'), '1 products');
    await admin.context().close();
    await shopper.context().close();
  });

  test('the product form’s operations are in the trusted-documents manifest', () => {
    const manifest = JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as { operations: { id: string }[] };
    const ids = new Set(manifest.operations.map((operation) => operation.id));
    const sent = [...chromium.sentDocuments];
    expect(sent.filter((document) => /AdminEditProduct|AdminRestoreProduct|AdminCategoryTree/.test(document))).toHaveLength(3);
    for (const document of sent)
      expect({ document, inManifest: ids.has(createHash('sha256').update(document).digest('hex')) }).toEqual({ document, inManifest: true });
  });
});
