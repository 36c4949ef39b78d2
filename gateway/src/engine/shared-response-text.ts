/** The data of results handed to more than one request (shared-executions.ts), and its JSON once written. */
const sharedData = new WeakSet<object>();
const dataTexts = new WeakMap<object, string>();

/** Marks a result's data as handed to several requests: its JSON text is then written once. */
export function markDataShared(data: unknown): void {
  if (typeof data === 'object' && data !== null) sharedData.add(data);
}

/**
 * Apollo Server's `stringifyResult`: compact JSON, with a shared result's `data` serialised once for
 * all the requests that got it; the rest (each request's own errors, extensions) as JSON.stringify
 * writes it, keys in the result's order. What follows execution reads a shared result and does not
 * change it once it is written (redaction fills it the same way for every request, before writing).
 */
export function stringifyResult(result: Record<string, unknown>): string {
  const data = result.data;
  if (typeof data !== 'object' || data === null || !sharedData.has(data)) return JSON.stringify(result);
  let text = dataTexts.get(data);
  if (text === undefined) {
    text = JSON.stringify(data);
    dataTexts.set(data, text);
  }
  let body = '';
  for (const key in result) {
    const value = key === 'data' ? text : JSON.stringify(result[key]);
    if (value === undefined) continue;
    body += `${body ? ',' : ''}${JSON.stringify(key)}:${value}`;
  }
  return `{${body}}`;
}
