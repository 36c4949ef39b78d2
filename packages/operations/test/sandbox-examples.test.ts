import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate, Kind } from 'graphql';
import { DEMO_PASSWORD as SEEDED_PASSWORD } from '@shopgraph/demo-data';
import { DEMO_PASSWORD, SANDBOX_EXAMPLE_DOCUMENT } from '../src/sandbox-examples';

test("Sandbox's example operations are valid against the API schema and cover every storefront flow", () => {
  const schema = buildSchema(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'api.graphql'), 'utf8'));
  const document = parse(SANDBOX_EXAMPLE_DOCUMENT);
  expect(validate(schema, document)).toEqual([]);
  const names = document.definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
  expect(names).toEqual(expect.arrayContaining(['Browse', 'Search', 'Login', 'AddToCart', 'Cart', 'Checkout', 'OrderStatus']));
  expect(DEMO_PASSWORD).toBe(SEEDED_PASSWORD);
});
