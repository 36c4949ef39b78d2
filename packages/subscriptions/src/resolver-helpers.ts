import { GraphQLError } from 'graphql';
import { isCursor } from '@shopgraph/events';
import { badUserInput, ErrorCode, type RequestInfo } from '@shopgraph/server';
import type { SubscriptionScope } from './subscription-scope';

/** What a subgraph's context is made from: an HTTP request's info, or a subscription's with its scope. */
export type ContextRequest = Pick<RequestInfo, 'requestId' | 'logger' | 'viewer'> & { subscriptions?: SubscriptionScope };

/** A subscription field's `after` argument, checked: a cursor this API gave out, or none. */
export function afterArgument(after: string | null | undefined): string | undefined {
  if (after === null || after === undefined) return undefined;
  if (!isCursor(after)) throw badUserInput('"after" is not a cursor this API gave out', 'after');
  return after;
}

/** The subscription scope of a context; only the graphql-ws server makes one. */
export function scopeOf(context: { subscriptions?: SubscriptionScope }): SubscriptionScope {
  if (!context.subscriptions) throw new GraphQLError('Subscriptions are served over graphql-ws', { extensions: { code: ErrorCode.BAD_REQUEST } });
  return context.subscriptions;
}
