import { GraphQLError } from 'graphql';
import { MAX_PERIODS, reportRange, topListSize } from '../src/reports/report-range';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : 'not a GraphQLError';
  }
  return undefined;
};

const day = 86_400_000;
const start = new Date('2026-01-01T00:00:00Z');

test('a range runs forward: an empty or backward one is BAD_USER_INPUT', () => {
  expect(reportRange(start, new Date(start.getTime() + day))).toEqual({ from: start, to: new Date(start.getTime() + day) });
  expect(codeOf(() => reportRange(start, start))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => reportRange(new Date(start.getTime() + day), start))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => reportRange(new Date('not a date'), start))).toBe('BAD_USER_INPUT');
});

test('a series has at most MAX_PERIODS periods, whatever their length', () => {
  const days = (count: number) => new Date(start.getTime() + count * day);
  expect(codeOf(() => reportRange(start, days(MAX_PERIODS), 'DAY'))).toBeUndefined();
  expect(codeOf(() => reportRange(start, days(MAX_PERIODS + 2), 'DAY'))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => reportRange(start, days(MAX_PERIODS + 2), 'WEEK'))).toBeUndefined();
  expect(codeOf(() => reportRange(start, days(7 * (MAX_PERIODS + 2)), 'WEEK'))).toBe('BAD_USER_INPUT');
  expect(codeOf(() => reportRange(start, days(28 * MAX_PERIODS), 'MONTH'))).toBeUndefined();
});

test('a top list is 1 to 100 long, the default when not given', () => {
  expect(topListSize(undefined, 10)).toBe(10);
  expect(topListSize(100, 10)).toBe(100);
  for (const size of [0, 101, 2.5, -1]) expect(codeOf(() => topListSize(size, 10))).toBe('BAD_USER_INPUT');
});
