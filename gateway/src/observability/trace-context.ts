import type { HeaderMap } from '@apollo/server';
import { isTracing } from '@shopgraph/tracing';

// W3C Trace Context: version-traceid-parentid-flags, lower-case hex, all-zero ids invalid.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The client's W3C trace context, to pass on to subgraphs unchanged while the gateway makes no
 * spans of its own; a malformed traceparent is dropped along with its tracestate. With tracing on
 * (docs/operations.md) nothing is passed by hand: the gateway's span joins the client's trace and
 * the fetch instrumentation sends a traceparent naming the gateway's span, so a second one here
 * would make the header a list the subgraph cannot read.
 */
export function traceHeadersOf(headers: HeaderMap): Record<string, string> {
  if (isTracing()) return {};
  const traceparent = headers.get('traceparent')?.trim();
  if (!traceparent || !TRACEPARENT.test(traceparent)) return {};
  const tracestate = headers.get('tracestate')?.trim();
  return tracestate && tracestate.length <= 512 ? { traceparent, tracestate } : { traceparent };
}
