import { GraphQLError } from 'graphql';

/** The only place error codes live. Clients may rely on these strings. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  OUT_OF_STOCK: 'OUT_OF_STOCK',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** An operation over a gateway limit (depth, aliases, root fields, cost); `extensions.limit` names it. */
  OPERATION_TOO_COMPLEX: 'OPERATION_TOO_COMPLEX',
  /** Trusted-documents mode: the operation is not in the clients' manifest. */
  PERSISTED_QUERY_NOT_IN_LIST: 'PERSISTED_QUERY_NOT_IN_LIST',
  /** The HTTP request is not a GraphQL request: the body is not JSON, or a batch is too long (400). */
  BAD_REQUEST: 'BAD_REQUEST',
  /** The body is over the server's limit (413); the connection is closed after the answer. */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** operationName names no operation of the document, or is missing where several are (400; Apollo Server's own code). */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
  });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/**
 * A dependency the operation cannot do without (Redis for sign-in limits, carts, nonces) is down:
 * the client may try again after `retryAfterSeconds`. The gateway answers it with HTTP 503 and a
 * Retry-After header when nothing of the operation could be served.
 */
export function serviceUnavailable(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds } });
}
