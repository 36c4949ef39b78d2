/**
 * Waits for `work` to settle (either way), but `ms` at most; true when it settled. For shutdown
 * steps that must not hold up the rest when PostgreSQL does not answer: the work goes on
 * unawaited. (Not @shopgraph/cache's settledWithin, which fails a Redis call that is late.)
 */
export async function waitAtMost(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, waited]);
  } finally {
    clearTimeout(timer);
  }
}
