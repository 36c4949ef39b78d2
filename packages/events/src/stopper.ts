/**
 * A promise that rejects once `stop` is called, for readers to race their commands with: ioredis
 * never settles a command a reader had in flight (or queued) when Redis went away if the reader is
 * disconnected while it reconnects (redis/ioredis#2169, #2197), and stopping a subscription while
 * Redis is down must not hang the process's shutdown on it; and for a delivery waiting out an
 * outage (delivery.ts) to give up.
 */
export function stopper(): { stopping: Promise<never>; stop(): void } {
  let stop!: () => void;
  const stopping = new Promise<never>((_resolve, reject) => {
    stop = () => reject(new Error('stopped'));
  });
  stopping.catch(() => {});
  return { stopping, stop };
}
