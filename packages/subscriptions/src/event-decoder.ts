import type { z } from 'zod';
import type { CursoredEvent } from '@shopgraph/events';

/**
 * A topic's entries as a subscription's source objects: parsed with the topic's contract once per
 * entry (every subscription's filter sees the same entry object), null when malformed. `occurredAt`
 * is the envelope's time: when the change was written in its transaction.
 */
export function eventDecoder<TPayload, TSource extends object>(
  contract: z.ZodType<TPayload>,
  toSource: (payload: TPayload, cursor: string, occurredAt: string) => TSource,
): (entry: CursoredEvent) => TSource | null {
  const decoded = new WeakMap<CursoredEvent, TSource | null>();
  return (entry) => {
    if (decoded.has(entry)) return decoded.get(entry)!;
    const parsed = contract.safeParse(entry.event.payload);
    const source = parsed.success ? toSource(parsed.data, entry.cursor, entry.event.occurredAt) : null;
    decoded.set(entry, source);
    return source;
  };
}
