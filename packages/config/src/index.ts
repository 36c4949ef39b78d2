export * from './services';
export * from './database-url';
export * from './env';
