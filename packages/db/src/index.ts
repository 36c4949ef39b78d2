export * from './connect';
export * from './ensure-database';
export * from './statement-counter';
export * from './operation-stats';
export * from './schema-version';
export * from './postgres-errors';
export * from './json-insert';
