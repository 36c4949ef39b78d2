import postgres from 'postgres';
import Redis from 'ioredis';
import { startOwnPostgres, startOwnRedis } from '../src';

// The fault tests stop and restart these; they must come back with their data on the same port.
describe('servers a test owns', () => {
  it('a PostgreSQL cluster that can crash and start again with its data', async () => {
    const server = await startOwnPostgres();
    const connect = () => postgres(server.url, { max: 1, onnotice: () => {}, connect_timeout: 2 });
    try {
      let sql = connect();
      await sql`create table kept (value text)`;
      await sql`insert into kept values ('before the crash')`;
      await sql.end();
      await server.stop('immediate');
      sql = connect();
      await expect(sql`select 1`).rejects.toThrow();
      await sql.end();
      await server.start();
      sql = connect();
      expect(await sql`select value from kept`).toEqual([{ value: 'before the crash' }]);
      await sql.end();
    } finally {
      await server.destroy();
    }
  });

  it.each([
    [true, 'kept'],
    [false, null],
  ])('a redis-server that restarts on its port (persist %s: the key is %s)', async (persist, expected) => {
    const server = await startOwnRedis({ persist });
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await client.connect();
      await client.set('key', 'kept');
      await server.stop();
      await expect(client.get('key')).rejects.toThrow();
      await server.start();
      await new Promise((resolve) => (client.status === 'ready' ? resolve(undefined) : client.once('ready', resolve)));
      expect(await client.get('key')).toBe(expected);
    } finally {
      client.disconnect();
      await server.destroy();
    }
  });
});
