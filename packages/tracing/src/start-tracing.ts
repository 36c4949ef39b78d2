import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

type OtelApi = typeof import('@opentelemetry/api');

let provider: NodeTracerProvider | undefined;
let api: OtelApi | undefined;

// Operational routes: probes every few seconds would bury the traces worth reading.
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);
const GRAPHQL_PATH = '/graphql';

/** True when the environment names an OTLP endpoint to send spans to. */
export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) && env.OTEL_SDK_DISABLED !== 'true';
}

/**
 * Starts OpenTelemetry tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT (or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: W3C trace context in and out, spans for incoming
 * node:http requests and outgoing fetch/undici and node:http calls, sent over OTLP/HTTP (JSON).
 * Call it before anything else in a process's main; without an endpoint it loads nothing and
 * returns false. Returns true when tracing runs (also when it already did).
 */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider) return true;
  if (!tracingConfigured(env)) return false;
  // Loaded here, not at the top, so a process without an endpoint never loads the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports -- a lazy, synchronous load: the SDK must be in place before main goes on */
  api = require('@opentelemetry/api') as OtelApi;
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } =
    require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  /* eslint-enable @typescript-eslint/no-require-imports */

  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (envDetector) win over the name given here.
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  // The exporter and the batch processor read their own OTEL_EXPORTER_OTLP_* and OTEL_BSP_* variables.
  provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // Global tracer provider, AsyncLocalStorage context and the W3C trace-context + baggage propagator.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.url)),
        // "POST /graphql" rather than "POST"; other paths keep the method alone, since clients choose them.
        requestHook: (span, request) => {
          if ('url' in request && pathOf(request.url) === GRAPHQL_PATH) span.updateName(`${request.method} ${GRAPHQL_PATH}`);
        },
      }),
      // Global fetch (the gateway's subgraph calls) goes through Node's bundled undici.
      new UndiciInstrumentation({ ignoreRequestHook: (request) => UNTRACED_PATHS.has(pathOf(request.path)) }),
    ],
  });
  // Instrumentations patch a module when it is next required; node:http may already be loaded
  // (a subgraph's main imports its service first), so require it once more to have it patched now.
  /* eslint-disable @typescript-eslint/no-require-imports -- a require call is what the instrumentations hook */
  require('node:http');
  require('node:https');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return true;
}

/** True once startTracing has started the SDK in this process. */
export function isTracing(): boolean {
  return provider !== undefined;
}

/** `trace_id` and `span_id` of the active span, for log lines; empty when there is none or tracing is off. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  const span = api?.trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Sends the spans still buffered and stops the SDK; call on shutdown. Does nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  const running = provider;
  provider = undefined;
  await running?.shutdown();
}

function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
