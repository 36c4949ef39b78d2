import { createSourceEventStream, execute, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { cursorOf, SlowConsumerError, StreamPosition } from './event-hub';
import { CURSOR_EXTENSION, SLOW_CONSUMER_CODE } from './signed-subscription';

/**
 * graphql-js' `subscribe`, with each event's cursor in its result's `extensions.cursor`: the
 * gateway resumes an upstream subscription from the last one it received. Each event runs with a
 * context of its own from `contextForEvent` (fresh loaders: an order read for the first event must
 * not answer for the tenth). `onEvent` is told of every result sent (metrics). A stream without a
 * cursor first sends its starting position: a result with only `extensions.cursor`.
 */
export async function subscribeWithCursors(
  args: ExecutionArgs,
  contextForEvent: () => Promise<unknown> | unknown,
  onEvent: (fieldName: string) => void,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const events = stream as AsyncIterableIterator<unknown>;
  let finished = false;
  const results: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      if (finished) return { done: true, value: undefined };
      let next: IteratorResult<unknown>;
      try {
        next = await events.next();
      } catch (error) {
        if (!(error instanceof SlowConsumerError)) throw error;
        // The last result of this subscription only: the connection's others go on.
        finished = true;
        return { done: false, value: { errors: [new GraphQLError(error.message, { extensions: { code: SLOW_CONSUMER_CODE } })] } };
      }
      if (next.done) return next;
      // Not an event: where the stream starts, for the gateway to resume from; it forwards nothing to clients.
      if (next.value instanceof StreamPosition) return { done: false, value: { extensions: { [CURSOR_EXTENSION]: next.value.cursor } } };
      const result = (await execute({ ...args, rootValue: next.value, contextValue: await contextForEvent() })) as ExecutionResult;
      const field = Object.keys(result.data ?? {})[0] ?? '(error)';
      onEvent(field);
      const cursor = cursorOf(next.value);
      return { done: false, value: cursor === undefined ? result : { ...result, extensions: { ...result.extensions, [CURSOR_EXTENSION]: cursor } } };
    },
    return: async () => {
      await events.return?.();
      return { done: true, value: undefined };
    },
    throw: async (error: unknown) => {
      await events.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => results,
  };
  return results;
}
