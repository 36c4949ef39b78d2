import type { ApolloServerPlugin } from '@apollo/server';
import { isRedisUnavailable, type Counters } from '@shopgraph/cache';
import { ErrorCode, serviceUnavailable, statelessPlugin } from '@shopgraph/server';
import {
  GraphQLError,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { GatewayContext } from '../context';
import type { GatewayMetrics } from '../observability/metrics';

export interface WindowLimit {
  limit: number;
  windowSeconds: number;
}

export interface SignInLimits {
  perIp: WindowLimit;
  perAccount: WindowLimit;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perIp: { limit: 30, windowSeconds: 60 },
  perAccount: { limit: 10, windowSeconds: 15 * 60 },
};

// Fields that take an email and would let a guesser probe or flood accounts.
const SIGN_IN_FIELDS = new Set(['login', 'register', 'requestPasswordReset']);

/**
 * The email each sign-in field of the operation names; aliases make several fields of one name.
 * Fields inside named fragments count too (each definition once), or a `login` written in a
 * fragment spread at the mutation root would reach the users subgraph uncounted.
 */
function signInEmails(document: DocumentNode, operation: OperationDefinitionNode, schema: GraphQLSchema, variables: Record<string, unknown>): string[] {
  const emails: string[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      // Another operation of the document does not run with this one.
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent || parent !== schema.getMutationType() || !SIGN_IN_FIELDS.has(node.name.value) || !isObjectType(parent)) return;
        const field = parent.getFields()[node.name.value] as GraphQLField<unknown, unknown>;
        let email = '';
        try {
          const args = getArgumentValues(field, node, variables);
          email = String(args.email ?? (args.input as { email?: unknown } | undefined)?.email ?? '');
        } catch {
          // Invalid arguments fail validation later; the attempt still counts against the IP.
        }
        emails.push(email.trim().toLowerCase());
      },
    }),
  );
  return emails;
}

function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many sign-in attempts; try again in ${retryAfterSeconds} seconds`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds, http: { status: 200, headers: new Map([['retry-after', String(retryAfterSeconds)]]) } },
  });
}

/**
 * Limits login and register per client IP and per account, in counters every gateway shares.
 * Every attempt counts, aliased ones included, before anything reaches the users subgraph.
 */
export function signInRateLimitPlugin(counters: Counters, limits: SignInLimits, metrics?: GatewayMetrics): ApolloServerPlugin<GatewayContext> {
  return statelessPlugin<GatewayContext>({
    async didResolveOperation({ document, operation, schema, request, contextValue }) {
      if (operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'mutation') return;
      const emails = signInEmails(document, operation, schema, request.variables ?? {});
      if (emails.length === 0) return;
      const hits = [
        counters
          .hit(`ratelimit:sign-in:ip:${contextValue.clientIp}`, limits.perIp.windowSeconds, emails.length)
          .then((hit) => ({ ...hit, limit: limits.perIp.limit })),
        ...[...new Set(emails.filter(Boolean))].map((email) =>
          counters
            .hit(`ratelimit:sign-in:account:${email}`, limits.perAccount.windowSeconds, emails.filter((e) => e === email).length)
            .then((hit) => ({ ...hit, limit: limits.perAccount.limit })),
        ),
      ];
      let counted;
      try {
        counted = await Promise.all(hits);
      } catch (error) {
        if (!isRedisUnavailable(error)) throw error;
        // Fail closed: without the shared counts a guesser would have no limit at all.
        contextValue.logger.warn({ err: error }, 'sign-in refused: rate-limit counters unavailable');
        throw serviceUnavailable('Signing in is unavailable right now; try again shortly', error.retryAfterSeconds);
      }
      const exceeded = counted.filter((hit) => hit.count > hit.limit);
      if (exceeded.length > 0) metrics?.rateLimited.inc({ limit: 'signIn' });
      if (exceeded.length > 0) throw rateLimited(Math.max(...exceeded.map((hit) => hit.resetInSeconds)));
    },
  });
}
