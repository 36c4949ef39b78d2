export { startGateway, type GatewayRuntimeOptions } from './start-gateway';
export { buildGateway } from './server';
export { DEFAULT_SUPERGRAPH_PATH } from './env';
export { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from './auth/sign-in-rate-limit';
