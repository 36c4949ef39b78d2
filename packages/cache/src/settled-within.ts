/** A Redis call that did not settle in its time: Redis counts as unavailable for it. */
export class CommandTimeoutError extends Error {
  constructor(ms: number) {
    super(`Command timed out (${ms} ms)`);
    this.name = 'CommandTimeoutError';
  }
}

/**
 * `work`, or a CommandTimeoutError when it has not settled `ms` after the call. When the timer
 * fires, the verdict waits one `setImmediate` (it runs after the event loop's poll phase), so an
 * answer that reached the socket in time is read first. A process kept busy past `ms` (a burst of
 * CPU-heavy requests, a long GC) otherwise finds its timers due before it reads what Redis sent,
 * and calls a healthy Redis unavailable: ioredis' own `commandTimeout` does exactly that, which is
 * why our connections leave it off and bound each call here instead.
 */
export function settledWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => setImmediate(() => settled || reject(new CommandTimeoutError(ms))), ms);
    work.then(
      (value) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
