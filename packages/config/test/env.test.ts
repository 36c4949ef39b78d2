import { ConfigError, parseEnv, serviceDatabaseUrl, z, commonEnv, databaseEnv } from '../src';

const schema = z.object({ ...commonEnv, ...databaseEnv });

test('every bad variable is named in one error, with its value', () => {
  let error: unknown;
  try {
    parseEnv(schema, { DATABASE_URL: 'mysql://nope', LOG_LEVEL: 'loud', REDIS_URL: 'redis://127.0.0.1:6379' });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const message = (error as ConfigError).message;
  expect(message).toMatch(/DATABASE_URL \("mysql:\/\/nope"\)/);
  expect(message).toMatch(/LOG_LEVEL \("loud"\)/);
  expect(message).not.toMatch(/REDIS_URL/);
});

test('defaults apply where variables are unset', () => {
  const env = parseEnv(schema, { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', SEED_DEMO_DATA: 'false' });
  expect(env).toMatchObject({ NODE_ENV: 'development', DATABASE_PREFIX: 'shopgraph', SEED_DEMO_DATA: false });
});

test('each service gets its own database on the one server unless overridden', () => {
  const server = 'postgres://postgres:secret@db.internal:5432/postgres?sslmode=require';
  expect(serviceDatabaseUrl('orders', server, 'shopgraph', {})).toBe('postgres://postgres:secret@db.internal:5432/shopgraph_orders?sslmode=require');
  expect(serviceDatabaseUrl('orders', server, 'shopgraph', { ORDERS_DATABASE_URL: 'postgres://elsewhere/orders' })).toBe('postgres://elsewhere/orders');
});
