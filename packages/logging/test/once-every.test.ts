import { onceEvery } from '../src/once-every';

test('a condition repeated on every request is reported once per interval, with how many occurrences were left out', () => {
  let clock = 0;
  const reports: number[] = [];
  const report = onceEvery(10_000, () => clock);
  for (let request = 0; request < 500; request += 1) {
    clock = request * 100; // 10 requests a second, for 50 s
    report((leftOut) => reports.push(leftOut));
  }
  expect(reports).toEqual([0, 99, 99, 99, 99]);
});
