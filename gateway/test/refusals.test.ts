import { buildSchema, getOperationAST, parse } from 'graphql';
import { ANONYMOUS } from '@shopgraph/auth';
import { findRefusals } from '../src/auth/refusals';
import type { AccessRequirements } from '../src/auth/security-features';

const schema = buildSchema(`
  type Query { shop: Shop, shops: [Shop!]!, open: String, secret: String! }
  type Shop { name: String!, owner: Owner!, revenue: Int! }
  type Owner { email: String! }
`);
const signedIn = (coordinates: string[]): AccessRequirements => new Map(coordinates.map((coordinate) => [coordinate, { authenticated: true, scopes: [] }]));
const refusalsOf = (query: string, requirements: AccessRequirements) => {
  const document = parse(query);
  return findRefusals(schema, getOperationAST(document)!, {}, requirements, ANONYMOUS).map(({ path, nullable, coordinate }) => ({
    path,
    nullable,
    coordinate,
  }));
};

test('a refused non-null field nulls its nearest nullable ancestor, once for all refused below it', () => {
  expect(refusalsOf('{ shop { name owner { email } revenue } open }', signedIn(['Owner.email', 'Shop.revenue']))).toEqual([
    { path: ['shop'], nullable: true, coordinate: 'Owner.email' },
  ]);
});

test('with no nullable field on the way up, the refusal nulls the whole data', () => {
  expect(refusalsOf('{ shops { owner { email } } }', signedIn(['Owner.email']))).toEqual([
    { path: ['shops', 'owner', 'email'], nullable: false, coordinate: 'Owner.email' },
  ]);
  expect(refusalsOf('{ open secret }', signedIn(['Query.secret']))).toEqual([{ path: ['secret'], nullable: false, coordinate: 'Query.secret' }]);
});

test('a refused nullable field goes by itself', () => {
  expect(refusalsOf('{ shop { name } open }', signedIn(['Query.open']))).toEqual([{ path: ['open'], nullable: true, coordinate: 'Query.open' }]);
});
