/** The domain subgraphs, in the order they are listed everywhere (compose, codegen, compose file). */
export const SERVICE_NAMES = ['users', 'products', 'orders', 'inventory', 'reviews', 'analytics'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export const GATEWAY_PORT = 4000;

/** Default listening port of each subgraph; docker-compose.yml and the supergraph's routing URLs use these. */
export const SERVICE_PORTS: Record<ServiceName, number> = {
  users: 4001,
  products: 4002,
  orders: 4003,
  inventory: 4004,
  reviews: 4005,
  analytics: 4006,
};

/** Routing URL a subgraph has when it runs on this machine with its default port. */
export function localRoutingUrl(service: ServiceName, port = SERVICE_PORTS[service]): string {
  return `http://localhost:${port}/graphql`;
}

/** `USERS_URL`, `PRODUCTS_URL`...: the env variable that overrides a subgraph's routing URL at the gateway. */
export function routingUrlVariable(service: ServiceName): string {
  return `${service.toUpperCase()}_URL`;
}

/** `USERS_DATABASE_URL`...: the env variable that gives one subgraph a database of its own choosing. */
export function databaseUrlVariable(service: ServiceName): string {
  return `${service.toUpperCase()}_DATABASE_URL`;
}

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}
