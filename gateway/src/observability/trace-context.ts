import type { HeaderMap } from '@apollo/server';

// W3C Trace Context: version-traceid-parentid-flags, lower-case hex, all-zero ids invalid.
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * The client's W3C trace context, to pass on to subgraphs unchanged until the gateway makes spans
 * of its own (docs/operations.md); a malformed traceparent is dropped along with its tracestate.
 */
export function traceHeadersOf(headers: HeaderMap): Record<string, string> {
  const traceparent = headers.get('traceparent')?.trim();
  if (!traceparent || !TRACEPARENT.test(traceparent)) return {};
  const tracestate = headers.get('tracestate')?.trim();
  return tracestate && tracestate.length <= 512 ? { traceparent, tracestate } : { traceparent };
}
