/** Stops the embedded PostgreSQL the global setup started, if any (once, however many projects ran). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __embeddedPostgres?: { stop(): Promise<void> } };
  const server = holder.__embeddedPostgres;
  holder.__embeddedPostgres = undefined;
  await server?.stop();
}
