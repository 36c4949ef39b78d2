import type { IncomingMessage } from 'node:http';
import { GraphQLError, parse, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import type { Viewer } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import { ErrorCode } from '@shopgraph/server';
import type { SubscriptionQuota } from './subscription-quota';

/** What both transports (WebSocket and SSE) need from the gateway. */
export interface SubscriptionTransportDeps {
  /** The API schema, once the supergraph is loaded. */
  schema(): GraphQLSchema | undefined;
  verifyAccessToken(authorization: string | undefined): Promise<Viewer & { expiresAt?: number }>;
  quota: SubscriptionQuota;
  logger: Logger;
  /** The client's address for rate limits: the peer's, or X-Forwarded-For's behind a trusted proxy. */
  clientAddress(request: IncomingMessage): string;
  /** Runs a subscription through the engine, sharing it among subscribers who get the same answer (shared-execution.ts). */
  subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;
}

/** What one subscription runs with. */
export interface SubscriptionContext {
  viewer: Viewer;
  requestId: string;
  clientIp: string;
  logger: Logger;
  /** Drops the client's connection: it fell too far behind its events. */
  disconnectSlowConsumer(): void;
}

export interface SubscriptionRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

export interface PrepareDeps {
  schema: GraphQLSchema | undefined;
  context: SubscriptionContext;
}

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * Parses and validates one subscription request, the same for WebSocket and SSE, and returns
 * the arguments the engine subscribes with, or the errors to answer with.
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
  // Coerced once here (defaults applied, types checked): the engine and the sharing key read them.
  const coerced = getVariableValues(deps.schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) return coerced.errors;
  return { schema: deps.schema, document, operationName: request.operationName, variableValues: coerced.coerced, contextValue: deps.context };
}
