export * from './database-server';
export * from './redis';
export * from './graphql-request';
export * from './start-for-test';
export * from './describe-with-redis';
export * from './sign-with-current-key';
export * from './sign-in';
export * from './metrics';
