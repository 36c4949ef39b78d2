export * from './compose';
export * from './subgraph-sources';
