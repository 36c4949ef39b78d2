import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

/** Representations the reviews subgraph (the @interfaceObject one) was asked to resolve, in order. */
const reviewCalls: unknown[] = [];

const MEDIA = [
  { __typename: 'Book', id: 'b1', title: 'Dune', pages: 412 },
  { __typename: 'Movie', id: 'm1', title: 'Alien', runtimeMinutes: 117 },
];
const REVIEW_COUNTS: Record<string, number> = { b1: 3, m1: 5 };

// Owns the entity interface and knows every implementation.
const catalog: SubgraphDefinition = {
  name: 'catalog',
  imports: ['@key'],
  typeDefs: `
    type Query { media: [Media!]! book(id: ID!): Book }
    interface Media @key(fields: "id") { id: ID! title: String! }
    type Book implements Media @key(fields: "id") { id: ID! title: String! pages: Int! }
    type Movie implements Media @key(fields: "id") { id: ID! title: String! runtimeMinutes: Int! }
  `,
  resolvers: {
    Query: { media: () => MEDIA, book: (_: unknown, { id }: { id: string }) => MEDIA.find((media) => media.id === id) ?? null },
    Media: { __resolveReference: ({ id }: { id: string }) => MEDIA.find((media) => media.id === id) ?? null },
  },
};

// Adds a field to every Media without knowing Book or Movie, and hands out Media it only knows by id.
const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key', '@interfaceObject'],
  typeDefs: `
    type Query { mostReviewed: Media }
    type Media @key(fields: "id") @interfaceObject { id: ID! reviewCount: Int! }
  `,
  resolvers: {
    Query: { mostReviewed: () => ({ id: 'm1', reviewCount: REVIEW_COUNTS.m1 }) },
    Media: {
      __resolveReference: (reference: { __typename: string; id: string }) => (
        reviewCalls.push(reference),
        { id: reference.id, reviewCount: REVIEW_COUNTS[reference.id] }
      ),
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('@interfaceObject ($name)', (variant) => {
  const federation = useFederation(variant, [catalog, reviews]);
  beforeEach(() => reviewCalls.splice(0));

  test("through the interface: every implementation gets the interface object's field", async () => {
    expect(await federation.query('{ media { __typename title reviewCount } }')).toEqual({
      data: {
        media: [
          { __typename: 'Book', title: 'Dune', reviewCount: 3 },
          { __typename: 'Movie', title: 'Alien', reviewCount: 5 },
        ],
      },
    });
    // The interface object's subgraph knows no Book or Movie: it is sent the interface's name.
    expect(reviewCalls).toEqual([
      { __typename: 'Media', id: 'b1' },
      { __typename: 'Media', id: 'm1' },
    ]);
  });

  test('through a concrete type: the field is there on the implementation too', async () => {
    expect(await federation.query('{ book(id: "b1") { title pages reviewCount } }')).toEqual({ data: { book: { title: 'Dune', pages: 412, reviewCount: 3 } } });
    expect(reviewCalls).toEqual([{ __typename: 'Media', id: 'b1' }]);
  });

  test("the interface object's field inside a fragment on one implementation is on that implementation only", async () => {
    expect(await federation.query('{ media { id ... on Book { reviewCount } } }')).toEqual({ data: { media: [{ id: 'b1', reviewCount: 3 }, { id: 'm1' }] } });
    expect(reviewCalls).toEqual([{ __typename: 'Media', id: 'b1' }]);
  });

  test("a Media from the interface object's subgraph has its concrete __typename and implementation fields", async () => {
    expect(await federation.query('{ mostReviewed { __typename id reviewCount title ... on Movie { runtimeMinutes } ... on Book { pages } } }')).toEqual({
      data: { mostReviewed: { __typename: 'Movie', id: 'm1', reviewCount: 5, title: 'Alien', runtimeMinutes: 117 } },
    });
  });
});
