import type { Fetcher, FetcherRequestInit } from '@apollo/utils.fetcher';
import type { GatewayMetrics } from '../observability/metrics';
import { CallSignal } from './call-signal';

class SubgraphTimeout extends Error {}

export interface TimedFetcherOptions {
  /** The subgraph's name, for the metric and the error. */
  name: string;
  timeoutMs: number;
  metrics: GatewayMetrics;
}

/** Aborts a call to a subgraph after `timeoutMs` and records every call's outcome and duration. */
export function timedFetcher(options: TimedFetcherOptions, send: Fetcher): Fetcher {
  return async (url: string, init?: FetcherRequestInit) => {
    // One light signal and one timer per call: AbortSignal.timeout and AbortSignal.any cost several
    // times more, and nothing upstream passes a signal of its own today.
    const controller = new CallSignal();
    const given = init?.signal as AbortSignal | undefined;
    const onGiven = () => controller.abort(given?.reason);
    if (given) {
      if (given.aborted) onGiven();
      else given.addEventListener('abort', onGiven, { once: true });
    }
    const timer = setTimeout(() => controller.abort(new SubgraphTimeout()), options.timeoutMs);
    const stop = options.metrics.subgraphFetch.startTimer({ subgraph: options.name });
    try {
      const response = await send(url, { ...init, signal: controller });
      stop({ outcome: response.ok ? 'ok' : 'error' });
      return response;
    } catch (error) {
      const timedOut = controller.reason instanceof SubgraphTimeout;
      stop({ outcome: timedOut ? 'timeout' : 'error' });
      throw timedOut ? new Error(`${options.name} did not answer within ${options.timeoutMs} ms`) : error;
    } finally {
      clearTimeout(timer);
      given?.removeEventListener('abort', onGiven);
    }
  };
}
