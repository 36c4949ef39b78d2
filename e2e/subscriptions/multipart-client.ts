/**
 * A subscription over Apollo's multipart HTTP protocol, read as Apollo Client reads it: one POST,
 * each `{"payload": …}` part a result for the sink, `{}` heartbeats skipped, `--graphql--` the end.
 */
export function subscribeMultipart(
  url: string,
  request: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string>,
  sink: { next(message: unknown): void; error(error: unknown): void; complete(): void },
): { stop(): void; status: Promise<number> } {
  const aborted = new AbortController();
  const status = (async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;subscriptionSpec="1.0", application/json', ...headers },
      body: JSON.stringify(request),
      signal: aborted.signal,
    });
    if (!(response.headers.get('content-type') ?? '').startsWith('multipart/mixed')) {
      sink.next(await response.json());
      sink.complete();
      return response.status;
    }
    void (async () => {
      const decoder = new TextDecoder();
      let buffered = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffered += decoder.decode(chunk, { stream: true });
          for (;;) {
            const start = buffered.indexOf('\r\n\r\n');
            const next = buffered.indexOf('\r\n--graphql', start + 4);
            if (start === -1 || next === -1) break;
            const part = JSON.parse(buffered.slice(start + 4, next)) as { payload?: unknown };
            buffered = buffered.slice(next);
            if (part.payload !== undefined) sink.next(part.payload);
          }
          if (buffered.startsWith('\r\n--graphql--')) return sink.complete();
        }
        sink.complete();
      } catch (error) {
        if (!aborted.signal.aborted) sink.error(error);
      }
    })();
    return response.status;
  })();
  return { stop: () => aborted.abort(), status };
}
