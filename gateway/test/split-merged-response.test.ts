import { splitMergedResponse } from '../src/fetch/merge/entity-fetch-merger';

// Three fetches merged into one `_entities` call of 2 + 1 + 2 representations.
const sizes = [2, 1, 2];
const entities = ['a0', 'a1', 'b0', 'c0', 'c1'].map((id) => ({ id }));

test('each fetch gets its own entities back, in order', () => {
  const parts = splitMergedResponse({ data: { _entities: entities } }, sizes);
  expect(parts.map((part) => part.data!._entities)).toEqual([[{ id: 'a0' }, { id: 'a1' }], [{ id: 'b0' }], [{ id: 'c0' }, { id: 'c1' }]]);
  expect(parts.every((part) => part.errors === undefined)).toBe(true);
});

test("an error at an entity goes to the fetch that asked for it, at that fetch's index; one elsewhere goes to all", () => {
  const parts = splitMergedResponse(
    {
      data: { _entities: entities },
      errors: [
        { message: 'no stock for c1', path: ['_entities', 4, 'stock'] },
        { message: 'no stock for b0', path: ['_entities', 2, 'stock'] },
        { message: 'subgraph is degraded' },
      ],
    },
    sizes,
  );
  expect(parts.map((part) => part.errors)).toEqual([
    [{ message: 'subgraph is degraded' }],
    [{ message: 'no stock for b0', path: ['_entities', 0, 'stock'] }, { message: 'subgraph is degraded' }],
    [{ message: 'no stock for c1', path: ['_entities', 1, 'stock'] }, { message: 'subgraph is degraded' }],
  ]);
});

test('an answer without all the entities (a failed call) reaches every fetch whole, so each reports it', () => {
  const failed = { data: null, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] };
  expect(splitMergedResponse(failed, sizes)).toEqual([failed, failed, failed]);
  const short = { data: { _entities: entities.slice(0, 3) } };
  expect(splitMergedResponse(short, sizes)).toEqual([short, short, short]);
});
