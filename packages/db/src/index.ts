export * from './connect';
export * from './ensure-database';
export * from './statement-counter';
