import { createSourceEventStream, execute, print, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { SubscriptionContext } from './subscription-resolvers';
import type { OrderStatusEventSource } from './order-events';

/** Results kept for recent events; the least recently asked for (an old event's) are dropped first. */
const MAX_REMEMBERED = 20_000;

/**
 * graphql-js' `subscribe`, except that one event's result is computed once for every subscriber
 * who would get the same answer: the same document and variables, as the same viewer. A thousand
 * admins watching every order cost one execution (and one gateway query for `order`) per event,
 * not a thousand.
 */
export function createSharedSubscribe() {
  const remembered = new LRUCache<string, Promise<ExecutionResult>>({ max: MAX_REMEMBERED });
  const remember = (key: string, run: () => Promise<ExecutionResult>) => {
    let result = remembered.get(key);
    if (!result) {
      result = run();
      remembered.set(key, result);
    }
    return result;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const stream = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in stream)) return stream;
    const context = args.contextValue as SubscriptionContext;
    const sameAnswer = [
      print(args.document),
      JSON.stringify(args.variableValues ?? {}),
      args.operationName ?? '',
      context.viewer.id ?? '',
      context.viewer.roles.join(','),
    ].join('\u0000');
    const events = stream as AsyncIterableIterator<OrderStatusEventSource>;
    const results: AsyncIterableIterator<ExecutionResult> = {
      next: async () => {
        const next = await events.next();
        if (next.done) return next;
        const event = next.value;
        const value = await remember(`${event.cursor}\u0000${sameAnswer}`, async () => execute({ ...args, rootValue: event }) as Promise<ExecutionResult>);
        return { done: false, value };
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
  };
}
