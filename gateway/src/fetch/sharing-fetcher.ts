import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';

/**
 * Identical calls (same URL and body) made while one is in flight wait for that one's answer
 * instead of sending their own; each gets its own response object over the same bytes, so each
 * parses its own copy (the gateway merges into what it parsed). Only for calls whose answer is the
 * same for everyone: the data source decides which calls go through it.
 */
export function sharingFetcher(send: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetcherResponse>>();
  return (url: string, init?: FetcherRequestInit) => {
    if (typeof init?.body !== 'string') return send(url, init);
    const key = `${url}\n${init.body}`;
    const running = inFlight.get(key);
    if (running) return running.then(copyOf);
    const call = send(url, init);
    inFlight.set(key, call);
    const done = () => inFlight.delete(key);
    call.then(done, done);
    return call;
  };
}

function copyOf(response: FetcherResponse): FetcherResponse {
  return typeof (response as { copy?: () => FetcherResponse }).copy === 'function'
    ? (response as unknown as { copy(): FetcherResponse }).copy()
    : response.clone();
}
