import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

/** Representations each member's subgraph was asked to resolve, in order. */
const representations: Record<string, unknown[]> = { library: [], cinema: [] };

const MEDIA = [
  { __typename: 'Book', id: 'b1', title: 'Dune' },
  { __typename: 'Movie', id: 'm1', title: 'Alien' },
  { __typename: 'Book', id: 'b2', title: 'Emma' },
];

// An entity interface (@key on the interface), its implementations and a union all live here;
// each member's other fields come from a different subgraph.
const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { media: [Media!]! search: [SearchResult!]! }
    interface Media @key(fields: "id") { id: ID! title: String! }
    type Book implements Media @key(fields: "id") { id: ID! title: String! }
    type Movie implements Media @key(fields: "id") { id: ID! title: String! }
    type Song { title: String! }
    union SearchResult = Book | Song
  `,
  resolvers: {
    Query: {
      media: () => MEDIA,
      search: () => [MEDIA[0], { __typename: 'Song', title: 'Dune Theme' }],
    },
    Media: { __resolveReference: ({ id }: { id: string }) => MEDIA.find((media) => media.id === id) ?? null },
  },
};

const library: SubgraphDefinition = {
  name: 'library',
  imports: ['@key'],
  typeDefs: `type Book @key(fields: "id") { id: ID! pages: Int! }`,
  resolvers: { Book: { __resolveReference: ({ id }: { id: string }) => (representations.library!.push({ id }), { id, pages: id === 'b1' ? 412 : 474 }) } },
};

const cinema: SubgraphDefinition = {
  name: 'cinema',
  imports: ['@key'],
  typeDefs: `type Movie @key(fields: "id") { id: ID! runtimeMinutes: Int! }`,
  resolvers: { Movie: { __resolveReference: ({ id }: { id: string }) => (representations.cinema!.push({ id }), { id, runtimeMinutes: 117 }) } },
};

describe.each(CONFORMANCE_VARIANTS)('interfaces and unions across subgraphs ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, library, cinema]);
  beforeEach(() => Object.values(representations).forEach((list) => list.splice(0)));

  test("__typename on an interface's members is each member's concrete type, with no entity call", async () => {
    expect(await federation.query('{ media { __typename id title } }')).toEqual({
      data: {
        media: [
          { __typename: 'Book', id: 'b1', title: 'Dune' },
          { __typename: 'Movie', id: 'm1', title: 'Alien' },
          { __typename: 'Book', id: 'b2', title: 'Emma' },
        ],
      },
    });
    expect(representations).toEqual({ library: [], cinema: [] });
  });

  test('inline fragments on members whose fields live in two other subgraphs', async () => {
    expect(await federation.query('{ media { title ... on Book { pages } ... on Movie { runtimeMinutes } } }')).toEqual({
      data: {
        media: [
          { title: 'Dune', pages: 412 },
          { title: 'Alien', runtimeMinutes: 117 },
          { title: 'Emma', pages: 474 },
        ],
      },
    });
    expect(representations).toEqual({ library: [{ id: 'b1' }, { id: 'b2' }], cinema: [{ id: 'm1' }] });
  });

  test('a fragment on one member only: the other members get no fields from it and no entity call', async () => {
    expect(await federation.query('{ media { id ... on Movie { runtimeMinutes } } }')).toEqual({
      data: { media: [{ id: 'b1' }, { id: 'm1', runtimeMinutes: 117 }, { id: 'b2' }] },
    });
    expect(representations).toEqual({ library: [], cinema: [{ id: 'm1' }] });
  });

  test('a union where only one member has fields from another subgraph', async () => {
    expect(await federation.query('{ search { __typename ... on Book { title pages } ... on Song { title } } }')).toEqual({
      data: {
        search: [
          { __typename: 'Book', title: 'Dune', pages: 412 },
          { __typename: 'Song', title: 'Dune Theme' },
        ],
      },
    });
    expect(representations).toEqual({ library: [{ id: 'b1' }], cinema: [] });
  });

  test('__typename alone on union members', async () => {
    expect(await federation.query('{ search { __typename } }')).toEqual({ data: { search: [{ __typename: 'Book' }, { __typename: 'Song' }] } });
  });
});

// An interface both subgraphs declare, each with its own implementations, and a union list with a null item.
const shop: SubgraphDefinition = {
  name: 'shop',
  imports: ['@key'],
  typeDefs: `
    type Query { shelf: [Thing]! }
    interface Node { id: ID! }
    type Book implements Node @key(fields: "id") { id: ID! title: String! }
    type Pen implements Node @key(fields: "id") { id: ID! }
    union Thing = Book | Pen
  `,
  resolvers: {
    Query: {
      shelf: () => [{ __typename: 'Book', id: 'b1', title: 'Dune' }, null, { __typename: 'Pen', id: 'p1' }, { __typename: 'Book', id: 'b2', title: 'Emma' }],
    },
  },
};

// Knows Pen as a Node, Book only as an entity; it does not know book b2.
const stationery: SubgraphDefinition = {
  name: 'stationery',
  imports: ['@key'],
  typeDefs: `
    type Query { nodes: [Node!]! }
    interface Node { id: ID! }
    type Pen implements Node @key(fields: "id") { id: ID! ink: String }
    type Book @key(fields: "id") { id: ID! pages: Int }
  `,
  resolvers: {
    Query: { nodes: () => [{ __typename: 'Pen', id: 'p2', ink: 'blue' }] },
    Pen: { __resolveReference: ({ id }: { id: string }) => ({ id, ink: 'red' }) },
    Book: { __resolveReference: ({ id }: { id: string }) => (id === 'b2' ? null : { id, pages: 3 }) },
  },
};

describe.each(CONFORMANCE_VARIANTS)('an interface declared in two subgraphs, and a union list with nulls ($name)', (variant) => {
  const federation = useFederation(variant, [shop, stationery]);

  test("aliased __typename and each member's fields from the other subgraph; the null item stays null", async () => {
    expect(await federation.query('{ shelf { ... on Book { kind: __typename title pages } ... on Pen { kind: __typename ink } } }')).toEqual({
      data: {
        shelf: [{ kind: 'Book', title: 'Dune', pages: 3 }, null, { kind: 'Pen', ink: 'red' }, { kind: 'Book', title: 'Emma', pages: null }],
      },
    });
  });

  test('a fragment on the interface inside a union list', async () => {
    expect(await federation.query('{ shelf { ... on Node { id __typename } } }')).toEqual({
      data: {
        shelf: [{ id: 'b1', __typename: 'Book' }, null, { id: 'p1', __typename: 'Pen' }, { id: 'b2', __typename: 'Book' }],
      },
    });
  });

  test("the other subgraph's root field of the interface: only the implementations it returns", async () => {
    expect(await federation.query('{ nodes { id __typename ... on Pen { ink } ... on Book { title } } }')).toEqual({
      data: { nodes: [{ id: 'p2', __typename: 'Pen', ink: 'blue' }] },
    });
  });
});
