import pino, { type Logger } from 'pino';
import { activeTraceFields, isTracing } from '@shopgraph/tracing';

export type { Logger };

/**
 * One root logger per deployable; requests get `logger.child({ requestId })`. When tracing runs
 * (startTracing before this), each line logged inside a span carries its `trace_id` and `span_id`.
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name }, ...(isTracing() ? { mixin: activeTraceFields } : {}) });
}
