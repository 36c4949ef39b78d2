/** One subscription's messages as they arrive (a graphql-ws or graphql-sse sink), and waits on them. */
export function collectMessages<TMessage>() {
  const received: TMessage[] = [];
  let ended: unknown;
  const sink = {
    next: (message: unknown) => void received.push(message as TMessage),
    error: (error: unknown) => void (ended = error),
    complete: () => void (ended = 'complete'),
  };
  /** Until a message `matches` (or the subscription ends); the first that does. */
  const until = async (matches: (message: TMessage) => boolean, what: string, timeoutMs = 15_000): Promise<TMessage | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (!received.some(matches) && ended === undefined) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(received)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return received.find(matches);
  };
  /** Until `count` messages arrived (or the subscription ended). */
  const waitFor = async (count: number) => (await until(() => received.length >= count, `${count} messages`), received);
  return { received, sink, until, waitFor, ended: () => ended };
}
