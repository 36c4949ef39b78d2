export { EventHub, SlowConsumerError, cursorOf, type HubOptions } from './event-hub';
export {
  CURSOR_EXTENSION,
  SLOW_CONSUMER_CODE,
  signSubscription,
  verifySubscription,
  type SignedSubscriptionExtensions,
  type SubscriptionRequestPayload,
  type VerifiedSubscription,
} from './signed-subscription';
export { serveSubgraphSubscriptions, type SubgraphSubscriptionOptions, type SubscriptionRequestInfo } from './subgraph-subscription-server';
export { subscriptionScope, type SubscriptionScope } from './subscription-scope';
export { subgraphSubscriptions, DEFAULT_SUBGRAPH_MAX_QUEUED_EVENTS, type SubgraphSubscriptionsOptions } from './subgraph-subscriptions';
export { afterArgument, scopeOf, type ContextRequest } from './resolver-helpers';
export { eventDecoder } from './event-decoder';
