/** What an abort listener may be, as for EventTarget: a function or an object with `handleEvent`. */
type AbortListener = (() => void) | { handleEvent(): void };

/**
 * The abort signal timedFetcher hands the keep-alive fetcher for one call: the part of AbortSignal
 * that fetcher reads (`aborted`, `reason`, one abort listener), without an AbortController and an
 * EventTarget per subgraph call, which were 3% of the gateway's CPU on (c) no-dedup. Only for our
 * own fetcher (server.ts gives every data source the same one); the global fetch wants a real
 * AbortSignal.
 */
export class CallSignal {
  aborted = false;
  reason: unknown = undefined;
  private listener: AbortListener | undefined;

  /** The keep-alive fetcher's handler passes itself (an object), so it needs no closure per call. */
  addEventListener(_type: 'abort', listener: AbortListener): void {
    this.listener = listener;
  }

  removeEventListener(): void {
    this.listener = undefined;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listener = this.listener;
    this.listener = undefined;
    if (typeof listener === 'function') listener();
    else listener?.handleEvent();
  }
}
