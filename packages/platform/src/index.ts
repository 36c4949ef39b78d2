export * from './start-platform';
export * from './embedded-postgres';
export { SUBGRAPH_STARTERS } from './subgraph-starters';
export * from './storefront-server';
export * from './spawn-services';
export * from './supervised-process';
