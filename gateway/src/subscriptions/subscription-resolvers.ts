import { GraphQLError, type GraphQLFieldResolver } from 'graphql';
import { isCursor } from '@shopgraph/events';
import type { Viewer } from '@shopgraph/auth';
import { badUserInput, ErrorCode } from '@shopgraph/server';
import type { EventHub } from '@shopgraph/subscriptions';
import { ORDER_STATUS_TOPIC, toOrderStatusEvent, type OrderStatusEventSource } from './order-events';
import { ORDER_ID_VARIABLE, orderQueryFor } from './order-query';

export interface QueryResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/** What one subscription's resolvers run with. */
export interface SubscriptionContext {
  viewer: Viewer;
  /**
   * Runs a query through the gateway (planner, authorization, signed subgraph calls) as this
   * viewer; `perEvent` marks the queries events run, which the cost budgets do not charge again.
   */
  runQuery(query: string, variables: Record<string, unknown>, perEvent?: boolean): Promise<QueryResult>;
  /** Drops the client's connection: it fell too far behind its events. */
  disconnectSlowConsumer(): void;
}

const refuse = (message: string, code: string) => new GraphQLError(message, { extensions: { code } });

/** The first error of a forwarded query, as the error of the field that forwarded it. */
function fieldError(result: QueryResult): GraphQLError {
  const [first] = result.errors ?? [];
  return new GraphQLError(first?.message ?? 'The order could not be read', {
    extensions: { code: first?.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/** Subscription roots: each returns the stream of status events this viewer may see. */
export function createSubscribeResolver(hub: EventHub): GraphQLFieldResolver<unknown, SubscriptionContext> {
  return async (_source, args: { orderId?: string; after?: string | null }, context, info) => {
    const { viewer } = context;
    if (!viewer.id) throw refuse('Sign in to subscribe to orders', ErrorCode.UNAUTHENTICATED);
    const after = args.after ?? undefined;
    if (after !== undefined && !isCursor(after)) throw badUserInput('"after" is not a cursor this API gave out', 'after');
    const isAdmin = viewer.roles.includes('ADMIN');
    let keep: (event: OrderStatusEventSource) => boolean;
    switch (info.fieldName) {
      case 'orderStatusChanged': {
        const orderId = args.orderId!;
        // The order's own rules decide: the viewer must be allowed to read it now.
        const readable = await context.runQuery('query SubscriptionAccess($id: ID!) { order(id: $id) { id } }', { id: orderId });
        if (readable.errors?.length) throw fieldError(readable);
        if (!readable.data?.order) throw refuse('No order with this id', ErrorCode.NOT_FOUND);
        keep = (event) => event.orderId === orderId;
        break;
      }
      case 'myOrderUpdates':
        keep = (event) => event.userId === viewer.id;
        break;
      case 'orderEvents':
        if (!isAdmin) throw refuse('Only admins can follow every order', ErrorCode.FORBIDDEN);
        keep = () => true;
        break;
      default:
        throw refuse(`${info.fieldName} is not a subscription this gateway serves`, ErrorCode.BAD_USER_INPUT);
    }
    return hub.events(
      ORDER_STATUS_TOPIC,
      after,
      (entry) => {
        const event = toOrderStatusEvent(entry);
        return event && keep(event) ? event : null;
      },
      context.disconnectSlowConsumer,
    );
  };
}

/**
 * Resolves each event's selection: the event's own fields from the event, `order` by a query the
 * gateway plans like any other (so it reaches every subgraph), and everything under it by response
 * key from that query's answer.
 */
export const subscriptionFieldResolver: GraphQLFieldResolver<unknown, SubscriptionContext> = async (source, _args, context, info) => {
  if (info.parentType === info.schema.getSubscriptionType()) return source;
  if (info.parentType.name === 'OrderStatusEvent') {
    const event = source as OrderStatusEventSource;
    if (info.fieldName !== 'order') return (event as unknown as Record<string, unknown>)[info.fieldName];
    const query = orderQueryFor(info);
    const variables: Record<string, unknown> = { [ORDER_ID_VARIABLE]: event.orderId };
    for (const name of query.variableNames) variables[name] = info.variableValues[name];
    const result = await context.runQuery(query.text, variables, true);
    if (!result.data?.order) throw fieldError(result);
    return result.data.order;
  }
  return (source as Record<string, unknown> | null)?.[String(info.path.key)];
};
