export * from './start-platform';

export { SUBGRAPH_STARTERS } from './subgraph-starters';
export * from './storefront-server';
export * from './spawn-services';
export * from './supervised-process';
