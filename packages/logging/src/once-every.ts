/**
 * For a condition that repeats on every request while it lasts (Redis down): `report` runs at most
 * once per `intervalMs` and is told how many occurrences it left out since its last line.
 */
export function onceEvery(intervalMs: number, now: () => number = Date.now): (report: (leftOut: number) => void) => void {
  let last = -Infinity;
  let leftOut = 0;
  return (report) => {
    const at = now();
    if (at - last < intervalMs) {
      leftOut += 1;
      return;
    }
    last = at;
    const count = leftOut;
    leftOut = 0;
    report(count);
  };
}
