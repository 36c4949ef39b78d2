import { randomUUID } from 'node:crypto';
import type { Viewer } from '@shopgraph/auth';
import { demoCategories, demoProducts } from '@shopgraph/demo-data';
import { startServiceForTest, type TestService } from '@shopgraph/testing';
import { startService } from '../src';

// What the back office's product form sends, straight to the subgraph (signed as the gateway would).
let products: TestService;
const admin: Viewer = { id: randomUUID(), roles: ['ADMIN'] };
const customer: Viewer = { id: randomUUID(), roles: ['CUSTOMER'] };

beforeAll(async () => {
  products = await startServiceForTest('products', startService);
});
afterAll(async () => {
  await products?.stop();
});

const FIELDS = 'id sku slug name description price { amount currency } images attributes { name value } category { id } archivedAt';
const CREATE = `mutation ($i: CreateProductInput!) { createProduct(input: $i) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $i: UpdateProductInput!) { updateProduct(id: $id, input: $i) { ${FIELDS} } }`;
const READ = `query ($id: ID!) { product(id: $id) { ${FIELDS} } }`;
const SEARCH = 'query ($q: String, $f: ProductFilter) { products(search: $q, filter: $f, first: 20) { totalCount edges { node { id name archivedAt } } } }';
const [leaf, otherLeaf] = demoCategories.filter((category) => category.parentId !== null);

async function newProduct(tag = randomUUID().slice(0, 8)) {
  const made = await products.request(CREATE, { i: { sku: `EDIT-${tag}`, name: `Edit Lamp ${tag}`, price: 2_500, categoryId: leaf!.id } }, admin);
  expect(made.errors).toBeUndefined();
  return made.data!.createProduct as { id: string; sku: string; slug: string; name: string };
}
const found = async (words: string, filter?: Record<string, unknown>, viewer = admin) =>
  ((await products.request(SEARCH, { q: words, f: filter }, viewer)).data!.products.edges as { node: { id: string } }[]).map((edge) => edge.node.id);
const errorOf = (response: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions;

test('an admin edits every field of a product; the product and search show the edit at once', async () => {
  const product = await newProduct();
  const tag = randomUUID().slice(0, 8);
  const edited = await products.request(
    UPDATE,
    {
      id: product.id,
      i: {
        name: `Reading Light ${tag}`,
        description: 'Warm light, dimmable, for long evenings.',
        categoryId: otherLeaf!.id,
        images: ['https://cdn.example.com/light-1.jpg', 'https://cdn.example.com/light-2.jpg'],
        attributes: [
          { name: 'Colour', value: 'Brass' },
          { name: 'Bulb', value: 'E27' },
        ],
        price: 3_999,
      },
    },
    admin,
  );
  expect(edited.errors).toBeUndefined();
  const expected = {
    id: product.id,
    sku: product.sku,
    // The slug stays: links to the product keep working after a rename.
    slug: product.slug,
    name: `Reading Light ${tag}`,
    description: 'Warm light, dimmable, for long evenings.',
    price: { amount: 3_999, currency: 'USD' },
    images: ['https://cdn.example.com/light-1.jpg', 'https://cdn.example.com/light-2.jpg'],
    // Listed by name, whatever order they were given in.
    attributes: [
      { name: 'Bulb', value: 'E27' },
      { name: 'Colour', value: 'Brass' },
    ],
    category: { id: otherLeaf!.id },
    archivedAt: null,
  };
  expect(edited.data!.updateProduct).toEqual(expected);
  expect((await products.request(READ, { id: product.id })).data!.product).toEqual(expected);
  expect(await found(`Reading Light ${tag}`)).toEqual([product.id]);
  expect(await found(product.name)).toEqual([]);
  expect(await found('dimmable evenings')).toContain(product.id);
});

test('bad edits come back as the error code a form can show, and change nothing', async () => {
  const product = await newProduct();
  const before = (await products.request(READ, { id: product.id })).data!.product;
  const edit = (input: Record<string, unknown>, viewer = admin) => products.request(UPDATE, { id: product.id, i: input }, viewer);

  expect(errorOf(await edit({ name: '   ' }))).toEqual({ code: 'BAD_USER_INPUT', fields: ['name'] });
  expect(errorOf(await edit({ sku: demoProducts[0]!.sku }))).toEqual({ code: 'CONFLICT', field: 'sku' });
  expect(errorOf(await edit({ slug: demoProducts[0]!.slug }))).toEqual({ code: 'CONFLICT', field: 'slug' });
  expect(errorOf(await edit({ categoryId: randomUUID() }))).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'categoryId' });
  expect(errorOf(await edit({ images: ['ftp://cdn.example.com/x.jpg'] }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['images.0'] });
  expect(errorOf(await edit({ images: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/a.jpg'] }))).toMatchObject({
    code: 'BAD_USER_INPUT',
    fields: ['images'],
  });
  expect(errorOf(await edit({ attributes: [{ name: 'Colour', value: ' ' }] }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['attributes.0.value'] });
  expect(
    errorOf(
      await edit({
        attributes: [
          { name: 'Colour', value: 'Red' },
          { name: 'Colour', value: 'Blue' },
        ],
      }),
    ),
  ).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['attributes'] });
  expect(errorOf(await edit({ price: -1 }))).toMatchObject({ code: 'BAD_USER_INPUT', fields: ['price'] });
  expect(errorOf(await edit({ name: 'Mine now' }, customer))).toMatchObject({ code: 'FORBIDDEN' });
  expect((await products.request(READ, { id: product.id })).data!.product).toEqual(before);
});

test('an archived product is listed for admins only, and restoring puts it back for sale', async () => {
  const product = await newProduct();
  const archive = 'mutation ($id: ID!) { archiveProduct(id: $id) { id archivedAt } }';
  const restore = 'mutation ($id: ID!) { restoreProduct(id: $id) { id archivedAt } }';
  const archivedAt = (await products.request(archive, { id: product.id }, admin)).data!.archiveProduct.archivedAt;
  expect(archivedAt).not.toBeNull();
  expect(await found(product.name)).toEqual([]);
  expect(await found(product.name, { archived: true })).toEqual([product.id]);
  expect(errorOf(await products.request(SEARCH, { q: product.name, f: { archived: true } }, customer))).toMatchObject({ code: 'FORBIDDEN' });
  expect(errorOf(await products.request(restore, { id: product.id }, customer))).toMatchObject({ code: 'FORBIDDEN' });

  expect((await products.request(restore, { id: product.id }, admin)).data!.restoreProduct).toEqual({ id: product.id, archivedAt: null });
  // Twice changes nothing.
  expect((await products.request(restore, { id: product.id }, admin)).data!.restoreProduct).toEqual({ id: product.id, archivedAt: null });
  expect(await found(product.name)).toEqual([product.id]);
  expect(await found(product.name, { archived: true })).toEqual([]);
  expect((await products.request(READ, { id: product.id })).data!.product.archivedAt).toBeNull();
  expect(errorOf(await products.request(restore, { id: randomUUID() }, admin))).toMatchObject({ code: 'NOT_FOUND' });
});
