import postgres from 'postgres';

// postgres.js 3.4.9 threw an uncaught TypeError from a timer (nextWrite on a null socket) when a
// transaction's connection was cut: begin() sends ROLLBACK on the dead connection. That took a
// whole service down when PostgreSQL restarted (issue #15). patches/postgres+3.4.9.patch fixes it.
const url = process.env.DATABASE_URL ?? process.env.SHOPGRAPH_TEST_DATABASE_URL!;

test('a transaction whose connection is cut fails with CONNECTION_CLOSED, nothing is thrown past it, and the pool serves the next query', async () => {
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => void uncaught.push(error);
  process.on('uncaughtException', onUncaught);
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  // Only our own session is ended: the server keeps running for everyone else.
  const killer = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let pid: number | undefined;
    const transaction = sql.begin(async (tx) => {
      pid = (await tx<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
      await tx`select pg_sleep(5)`;
    });
    while (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    await killer`select pg_terminate_backend(${pid})`;
    await expect(transaction).rejects.toMatchObject({ code: 'CONNECTION_CLOSED' });
    // Long enough for the ROLLBACK's deferred write (a setImmediate) to have run.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await sql`select 1 as answer`).toEqual([{ answer: 1 }]);
    expect(uncaught).toEqual([]);
  } finally {
    process.off('uncaughtException', onUncaught);
    await Promise.all([sql.end({ timeout: 1 }), killer.end({ timeout: 1 })]);
  }
});
