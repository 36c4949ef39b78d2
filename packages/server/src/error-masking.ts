import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Viewer } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import { ErrorCode } from './errors';
import { statelessPlugin } from './stateless-plugin';

export interface RequestScoped extends BaseContext {
  requestId: string;
  logger: Logger;
  /** Who the request is for, as the gateway vouched; anonymous when nobody is logged in. */
  viewer: Viewer;
}

export const MASKED_MESSAGE = 'Internal server error';

function isUnexpected(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.code;
  return code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Apollo Server's own refusals of a malformed request that carry an HTTP 4xx status but no code
 * ("Unsupported persisted query version", "provided sha does not match query"): client errors,
 * worded for clients, which Apollo would otherwise label INTERNAL_SERVER_ERROR.
 */
function isCodelessRequestError(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return false;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Apollo `formatError`: errors the code did not mean to show (no code, or INTERNAL_SERVER_ERROR)
 * reach clients as one masked message; the original is logged by `errorLoggingPlugin`. Apollo's
 * codeless 4xx request errors are shown, as BAD_REQUEST.
 */
export function maskUnexpectedErrors(formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError {
  if (isCodelessRequestError(error)) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_REQUEST } };
  if (!isUnexpected(formatted)) return formatted;
  // Errors from a subgraph were masked there already; keep their request id.
  const requestId = formatted.extensions?.requestId;
  return {
    message: MASKED_MESSAGE,
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}

/** Logs every unexpected error with its request id, and puts that id on the masked error. */
export function errorLoggingPlugin<T extends RequestScoped>(): ApolloServerPlugin<T> {
  return statelessPlugin<T>({
    async didEncounterErrors({ errors, contextValue }) {
      for (const error of errors) {
        const code = error.extensions?.code;
        if ((code === undefined && !isCodelessRequestError(error)) || code === ErrorCode.INTERNAL_SERVER_ERROR) {
          contextValue.logger.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error');
        }
      }
    },
    async willSendResponse({ response, contextValue }) {
      if (response.body.kind !== 'single') return;
      for (const error of response.body.singleResult.errors ?? []) {
        if (error.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR && !error.extensions.requestId) {
          (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
        }
      }
    },
  });
}
