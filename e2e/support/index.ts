export * from './start-platform-for-test';
