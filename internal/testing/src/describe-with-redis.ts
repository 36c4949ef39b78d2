import { testRedisUrl } from './redis';

/** `describe` for suites that need Redis; reported as skipped (and announced by global setup) without it. */
export const describeWithRedis: jest.Describe = testRedisUrl() ? describe : describe.skip;
