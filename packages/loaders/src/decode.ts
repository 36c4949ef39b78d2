/** Helpers for entity caches' decoders: a cached value is trusted only when it has the row's shape. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The value as a row whose named fields are numbers and whose named date fields parse (nullable
 * date fields may also be null); else null.
 */
export function decodeRow<R>(value: unknown, numbers: readonly string[], dates: readonly string[] = [], nullableDates: readonly string[] = []): R | null {
  if (!isRecord(value)) return null;
  if (!numbers.every((field) => typeof value[field] === 'number')) return null;
  const revived: Record<string, unknown> = { ...value };
  for (const field of [...dates, ...nullableDates.filter((name) => value[name] !== null)]) {
    const date = new Date(String(value[field]));
    if (Number.isNaN(date.getTime())) return null;
    revived[field] = date;
  }
  return revived as R;
}
