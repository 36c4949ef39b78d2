/**
 * Results pushed by one side (an upstream subscription, a shared stream) and pulled by one
 * consumer (the engine, a client's transport), in order. @repeaterjs/repeater does this but ships
 * only as an ES module, which this CommonJS build cannot require.
 */
export class ResultQueue<T> implements AsyncIterableIterator<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;
  private failure: { error: unknown } | undefined;

  /** `onReturn` runs once when the consumer stops early (unsubscribes). */
  constructor(private readonly onReturn: () => void = () => {}) {}

  /** Results waiting for the consumer. */
  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.ended) return;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ done: false, value: item });
    else this.items.push(item);
  }

  /** No more results: the consumer gets those waiting, then the end (or `error`, thrown once). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) this.failure = { error };
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting({ done: true, value: undefined });
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ done: false, value: this.items.shift()! });
    if (this.ended) {
      const failure = this.failure;
      this.failure = undefined;
      return failure ? Promise.reject(failure.error) : Promise.resolve({ done: true, value: undefined });
    }
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    if (!this.ended) {
      this.end();
      this.items.length = 0;
      this.onReturn();
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
