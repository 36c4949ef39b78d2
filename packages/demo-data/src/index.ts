export * from './deterministic';
export * from './catalog';
export * from './people';
export * from './activity';
export * from './history/clock';
export * from './history/orders';
export * from './history/stock';
