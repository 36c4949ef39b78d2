import { useFederation } from './support/federation';
import type { SubgraphDefinition } from './support/in-memory-subgraph';
import { CONFORMANCE_VARIANTS } from './support/variants';

/** Every user representation the users subgraph (the owner of User.name) was asked to resolve. */
const ownerCalls: unknown[] = [];
const USERS: Record<string, { name: string; email: string }> = {
  u1: { name: 'Ada', email: 'ada@example.com' },
  u2: { name: 'Grace', email: 'grace@example.com' },
};

const users: SubgraphDefinition = {
  name: 'users',
  imports: ['@key', '@shareable'],
  typeDefs: `type User @key(fields: "id") { id: ID! name: String! @shareable email: String! }`,
  resolvers: {
    User: { __resolveReference: ({ id }: { id: string }) => (ownerCalls.push({ id }), { id, ...USERS[id] }) },
  },
};

// Keeps the author's name as it was at the time of writing, so the answer shows which subgraph gave it.
const reviews: SubgraphDefinition = {
  name: 'reviews',
  imports: ['@key', '@external', '@provides'],
  typeDefs: `
    type Query { reviews: [Review!]! }
    type Review { body: String! author: User! @provides(fields: "name") editor: User! }
    type User @key(fields: "id") { id: ID! name: String! @external }
  `,
  resolvers: {
    Query: {
      reviews: () => [
        { body: 'Bright', author: { id: 'u1', name: 'Ada (as written)' }, editor: { id: 'u2' } },
        { body: 'Sturdy', author: { id: 'u2', name: 'Grace (as written)' }, editor: { id: 'u1' } },
      ],
    },
  },
};

describe.each(CONFORMANCE_VARIANTS)('@provides ($name)', (variant) => {
  const federation = useFederation(variant, [users, reviews]);
  beforeEach(() => ownerCalls.splice(0));

  test('a field provided on the path is taken from the providing subgraph, without an entity call to the owner', async () => {
    expect(await federation.query('{ reviews { body author { id name } } }')).toEqual({
      data: {
        reviews: [
          { body: 'Bright', author: { id: 'u1', name: 'Ada (as written)' } },
          { body: 'Sturdy', author: { id: 'u2', name: 'Grace (as written)' } },
        ],
      },
    });
    expect(ownerCalls).toEqual([]);
  });

  test('the same field on a path without @provides is fetched from the owner', async () => {
    expect(await federation.query('{ reviews { editor { name } } }')).toEqual({
      data: { reviews: [{ editor: { name: 'Grace' } }, { editor: { name: 'Ada' } }] },
    });
    expect(ownerCalls).toEqual([{ id: 'u2' }, { id: 'u1' }]);
  });

  test('a field not provided next to a provided one: only the other comes from the owner', async () => {
    expect(await federation.query('{ reviews { author { name email } } }')).toEqual({
      data: {
        reviews: [{ author: { name: 'Ada (as written)', email: 'ada@example.com' } }, { author: { name: 'Grace (as written)', email: 'grace@example.com' } }],
      },
    });
    expect(ownerCalls).toEqual([{ id: 'u1' }, { id: 'u2' }]);
  });
});

// A nested selection provided on one implementation of an interface, and not on the other.
const addressOwner: SubgraphDefinition = {
  name: 'users',
  imports: ['@key', '@shareable'],
  typeDefs: `
    type User @key(fields: "id") { id: ID! address: Address! @shareable }
    type Address @shareable { city: String! street: String! }
  `,
  resolvers: {
    User: { __resolveReference: ({ id }: { id: string }) => (ownerCalls.push({ id }), { id, address: { city: `${id} city`, street: `${id} street` } }) },
  },
};

const feed: SubgraphDefinition = {
  name: 'feed',
  imports: ['@key', '@external', '@provides', '@shareable'],
  typeDefs: `
    type Query { posts: [Post!]! }
    interface Post { author: User! }
    type Review implements Post { author: User! @provides(fields: "address { city }") }
    type Comment implements Post { author: User! }
    type User @key(fields: "id") { id: ID! address: Address! @external }
    type Address @shareable { city: String! }
  `,
  resolvers: {
    Query: {
      posts: () => [
        { __typename: 'Review', author: { id: 'u1', address: { city: 'Oslo (as written)' } } },
        { __typename: 'Comment', author: { id: 'u2' } },
      ],
    },
    Post: { __resolveType: ({ __typename }: { __typename: string }) => __typename },
  },
};

describe.each(CONFORMANCE_VARIANTS)('@provides of a nested selection on one implementation ($name)', (variant) => {
  const federation = useFederation(variant, [addressOwner, feed]);
  beforeEach(() => ownerCalls.splice(0));

  test('on the providing implementation the nested field comes from the providing subgraph', async () => {
    expect(await federation.query('{ posts { __typename ... on Review { author { address { city } } } } }')).toEqual({
      data: { posts: [{ __typename: 'Review', author: { address: { city: 'Oslo (as written)' } } }, { __typename: 'Comment' }] },
    });
    expect(ownerCalls).toEqual([]);
  });

  test('on the other implementation it comes from the owner', async () => {
    expect(await federation.query('{ posts { ... on Comment { author { address { city } } } } }')).toEqual({
      data: { posts: [{}, { author: { address: { city: 'u2 city' } } }] },
    });
    expect(ownerCalls).toEqual([{ id: 'u2' }]);
  });
});
