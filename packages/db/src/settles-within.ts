/**
 * Whether `work` settles (either way) within `ms`; it goes on unawaited when not. For shutdown
 * steps that must not hold up the rest when PostgreSQL does not answer.
 */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
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
