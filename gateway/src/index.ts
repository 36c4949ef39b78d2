export { startGateway, type GatewayRuntimeOptions } from './start-gateway';
export { buildGateway } from './server';
export { DEFAULT_SUPERGRAPH_PATH } from './env';
