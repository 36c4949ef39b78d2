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

/** The timer's callback, shared by every call: a closure per call would only carry the signal. */
function timeOut(signal: CallSignal): void {
  signal.abort(new SubgraphTimeout());
}

/** Aborts a call to a subgraph after `timeoutMs` and records every call's outcome and duration. */
export function timedFetcher(options: TimedFetcherOptions, send: Fetcher): Fetcher {
  const histogram = options.metrics.subgraphFetch;
  // One label object per outcome, made once: prom-client's startTimer merged two objects and made
  // two closures per call (2% of the gateway's CPU on (c) no-dedup with the observation itself).
  const labels = {
    ok: { subgraph: options.name, outcome: 'ok' },
    error: { subgraph: options.name, outcome: 'error' },
    timeout: { subgraph: options.name, outcome: 'timeout' },
  } as const;
  return async (url: string, init?: FetcherRequestInit) => {
    // One light signal and one timer per call: AbortSignal.timeout and AbortSignal.any cost several
    // times more, and nothing upstream passes a signal of its own today.
    const controller = new CallSignal();
    const given = init?.signal as AbortSignal | undefined;
    let onGiven: (() => void) | undefined;
    if (given) {
      onGiven = () => controller.abort(given.reason);
      if (given.aborted) onGiven();
      else given.addEventListener('abort', onGiven, { once: true });
    }
    const timer = setTimeout(timeOut, options.timeoutMs, controller);
    const started = performance.now();
    try {
      const response = await send(url, { ...init, signal: controller });
      histogram.observe(response.ok ? labels.ok : labels.error, (performance.now() - started) / 1000);
      return response;
    } catch (error) {
      const timedOut = controller.reason instanceof SubgraphTimeout;
      histogram.observe(timedOut ? labels.timeout : labels.error, (performance.now() - started) / 1000);
      throw timedOut ? new Error(`${options.name} did not answer within ${options.timeoutMs} ms`) : error;
    } finally {
      clearTimeout(timer);
      if (onGiven) given?.removeEventListener('abort', onGiven);
    }
  };
}
