import { parse } from 'graphql';
import { literalProblem, MAX_VARIABLES_DEPTH, variablesProblem } from '../src/input-guard';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { a: value };
  return value;
};

test('variables as deep as the limit pass; one level more is BAD_USER_INPUT, however deep, without overflowing the stack', () => {
  expect(variablesProblem(nested(MAX_VARIABLES_DEPTH))).toBeUndefined();
  for (const depth of [MAX_VARIABLES_DEPTH + 1, 1_000_000]) {
    expect(variablesProblem(nested(depth))?.extensions).toEqual({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  }
});

test('NUL in a value or a key, at any depth, is named by its path', () => {
  expect(variablesProblem({ input: { lines: ['ok', 'a\u0000b'] } })?.message).toMatch(/^variables\.input\.lines\.1 holds the character U\+0000/);
  expect(variablesProblem({ input: { 'k\u0000': 1 } })?.message).toMatch(/A key in variables\.input/);
  expect(variablesProblem({ input: { name: 'Ada', count: 3, tags: [null, true] } })).toBeUndefined();
});

test('NUL in a string literal of the document, escaped as \\u0000 or \\u{0}', () => {
  expect(literalProblem(parse('{ products(search: "a\\u0000b") { totalCount } }'))).toBeDefined();
  expect(literalProblem(parse('{ products(search: "a\\u{0}b") { totalCount } }'))).toBeDefined();
  expect(literalProblem(parse('{ products(search: "fine") { totalCount } }'))).toBeUndefined();
});
