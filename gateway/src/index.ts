export { startGateway, type GatewayRuntimeOptions } from './start-gateway';
export { buildGateway } from './server';
export { DEFAULT_SUPERGRAPH_PATH } from './env';
export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/sign-in-rate-limit';
export { DEFAULT_COST_BUDGETS, type CostBudgets } from './rate-limit/cost-budget';
export { DEFAULT_OPERATION_LIMITS, type OperationLimits } from './limits/operation-limits';
export { webSocketServerOptions, isAllowedOrigin, type WebSocketPolicy } from './websocket-policy';
export { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './subscriptions/websocket-server';
export { GATEWAY_NODE_FLAGS } from './node-flags';
