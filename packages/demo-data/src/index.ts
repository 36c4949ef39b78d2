export * from './deterministic';
export * from './catalog';
export * from './people';
export * from './activity';
