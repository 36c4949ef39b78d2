import { randomUUID } from 'node:crypto';
import { GraphQLError, Kind, print, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { SLOW_CONSUMER_CODE } from '@shopgraph/subscriptions';
import type { SubscriptionExecutor } from '../engine/execute-subscription';
import { ResultQueue } from './result-queue';
import type { SubscriptionContext } from './subscription-operation';

interface Subscriber {
  deliver(result: ExecutionResult): void;
  /** Cuts the subscriber off as a slow consumer. */
  slow(): void;
  end(): void;
}

interface SharedStream {
  subscribers: Set<Subscriber>;
  /** Stops the upstream subscription: its last subscriber left. */
  stop(): void;
}

/**
 * True when the operation's subscription field is given a cursor to start from (`after`): it
 * replays history first, which a subscriber joining later would not get from a stream already
 * past it, so such an operation gets an upstream subscription of its own.
 */
function startsFromCursor(document: DocumentNode, variables: Record<string, unknown>): boolean {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const selection of definition.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) continue;
      const after = selection.arguments?.find((argument) => argument.name.value === 'after');
      if (!after) continue;
      if (after.value.kind === Kind.VARIABLE ? variables[after.value.name.value] != null : after.value.kind !== Kind.NULL) return true;
    }
  }
  return false;
}

/**
 * graphql-ws' (and graphql-sse's) `subscribe` over the engine: subscribers asking the same thing
 * (the same document and variables, as the same viewer, id and roles) share one upstream
 * subscription and one run of each event's plan; never across viewers. Each subscriber has its own
 * queue: one that lets `maxQueuedEvents` pile up is cut off as a slow consumer.
 */
export function createSharedSubscribe(executor: SubscriptionExecutor, options: { maxQueuedEvents: number }) {
  const streams = new Map<string, SharedStream>();

  const open = (key: string, args: ExecutionArgs, context: SubscriptionContext): SharedStream | ExecutionResult => {
    let source: AsyncIterableIterator<ExecutionResult> | ExecutionResult;
    try {
      source = executor.subscribe({
        document: args.document,
        operationName: args.operationName,
        variables: args.variableValues ?? {},
        context: {
          requestId: context.requestId,
          clientIp: context.clientIp,
          logger: context.logger,
          viewer: context.viewer,
          traceHeaders: {},
          subscriptionEvent: true,
        },
      });
    } catch (error) {
      // The operation could not be planned: this subscription's error, not the connection's.
      return {
        errors: [
          error instanceof GraphQLError ? error : new GraphQLError('The subscription could not be planned', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
        ],
      };
    }
    if (!(Symbol.asyncIterator in source)) return source;
    const stream: SharedStream = { subscribers: new Set(), stop: () => void source.return?.() };
    streams.set(key, stream);
    void (async () => {
      try {
        for await (const result of source) {
          // The subgraph could not keep up with this subscription's events: its subscribers are slow consumers too.
          if (result.errors?.some((error) => error.extensions?.code === SLOW_CONSUMER_CODE))
            for (const subscriber of [...stream.subscribers]) subscriber.slow();
          else for (const subscriber of [...stream.subscribers]) subscriber.deliver(result);
        }
      } catch (error) {
        context.logger.error({ err: error }, 'subscription failed');
      } finally {
        if (streams.get(key) === stream) streams.delete(key);
        for (const subscriber of stream.subscribers) subscriber.end();
      }
    })();
    return stream;
  };

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const context = args.contextValue as SubscriptionContext;
    const variables = args.variableValues ?? {};
    const key = startsFromCursor(args.document, variables)
      ? randomUUID()
      : [print(args.document), JSON.stringify(variables), args.operationName ?? '', context.viewer.id ?? '', context.viewer.roles.join(',')].join('\u0000');
    let stream: SharedStream | ExecutionResult | undefined = streams.get(key);
    if (!stream) {
      stream = open(key, args, context);
      if (!('subscribers' in stream)) return stream;
    }
    const shared = stream;
    const results = new ResultQueue<ExecutionResult>(() => leave());
    const subscriber: Subscriber = {
      deliver: (result) => (results.length < options.maxQueuedEvents ? results.push(result) : subscriber.slow()),
      slow: () => {
        results.end();
        leave();
        context.disconnectSlowConsumer();
      },
      end: () => results.end(),
    };
    const leave = () => {
      shared.subscribers.delete(subscriber);
      if (shared.subscribers.size === 0 && streams.get(key) === shared) {
        streams.delete(key);
        shared.stop();
      }
    };
    shared.subscribers.add(subscriber);
    return results;
  };
}
