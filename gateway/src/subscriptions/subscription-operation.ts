import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import { ErrorCode } from '@shopgraph/server';
import type { EventHub } from '@shopgraph/subscriptions';
import type { SubscriptionQuota } from './subscription-quota';
import { subscriptionFieldResolver, type QueryResult, type SubscriptionContext } from './subscription-resolvers';

/** What both transports (WebSocket and SSE) need from the gateway. */
export interface SubscriptionTransportDeps {
  /** The API schema, once the supergraph is loaded. */
  schema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
  runQuery(
    viewer: Viewer,
    request: { requestId: string; clientIp: string; subscriptionEvent?: boolean },
    query: string,
    variables: Record<string, unknown>,
  ): Promise<QueryResult>;
  hub: EventHub;
  quota: SubscriptionQuota;
  /** The client's address for rate limits: the peer's, or X-Forwarded-For's behind a trusted proxy. */
  clientAddress(request: IncomingMessage): string;
  /** graphql-js' subscribe, sharing each event's result among subscribers who get the same answer. */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
}

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface PrepareDeps {
  schema: GraphQLSchema | undefined;
  viewer: Viewer;
  subscribeResolver: GraphQLFieldResolver<unknown, SubscriptionContext>;
  runQuery(query: string, variables: Record<string, unknown>, perEvent?: boolean): Promise<QueryResult>;
  disconnectSlowConsumer(): void;
}

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * Parses and validates one subscription request, the same for WebSocket and SSE, and returns
 * graphql-js' arguments with our resolvers, or the errors to answer with.
 */
export function prepareSubscription(request: SubscriptionRequest, deps: PrepareDeps): ExecutionArgs | readonly GraphQLError[] {
  if (!deps.schema) return refuse('The gateway has not loaded its schema yet', ErrorCode.SERVICE_UNAVAILABLE);
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (error) {
    return [error as GraphQLError];
  }
  const errors = validate(deps.schema, document);
  if (errors.length > 0) return errors;
  const operation = document.definitions.find(
    (definition) => definition.kind === 'OperationDefinition' && (!request.operationName || definition.name?.value === request.operationName),
  );
  if (!operation || operation.kind !== 'OperationDefinition' || operation.operation !== 'subscription') {
    return refuse('Send queries and mutations as HTTP requests; this serves subscriptions', ErrorCode.BAD_USER_INPUT);
  }
  const contextValue: SubscriptionContext = { viewer: deps.viewer, runQuery: deps.runQuery, disconnectSlowConsumer: deps.disconnectSlowConsumer };
  return {
    schema: deps.schema,
    document,
    operationName: request.operationName,
    variableValues: request.variables,
    contextValue,
    fieldResolver: subscriptionFieldResolver,
    subscribeFieldResolver: deps.subscribeResolver,
  };
}
