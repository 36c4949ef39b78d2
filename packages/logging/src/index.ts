import pino, { type DestinationStream, type Logger } from 'pino';
import { activeTraceFields, isTracing } from '@shopgraph/tracing';
import { chooseLogFormat } from './log-format';

export type { Logger };
export { chooseLogFormat, LOG_FORMATS, type LogFormat } from './log-format';

let prettyStream: DestinationStream | undefined;

/**
 * One pino-pretty stream for every logger of the process. Synchronous, in this thread (not a
 * worker transport), so the last lines before an exit are written. Required only here: a
 * production install leaves pino-pretty out (tools/build/bundle.ts), and JSON never loads it.
 */
function prettyDestination(): DestinationStream {
  if (!prettyStream) {
    let pinoPretty: typeof import('pino-pretty');
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for pretty logs, synchronously, and may be absent
      pinoPretty = require('pino-pretty') as typeof import('pino-pretty');
    } catch (error) {
      throw new Error('pretty logs need pino-pretty, which a production install leaves out: set LOG_FORMAT=json or install pino-pretty', { cause: error });
    }
    prettyStream = pinoPretty({
      sync: true,
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,name,service',
      messageFormat: '[{service}] {msg}',
    });
  }
  return prettyStream;
}

/**
 * One root logger per deployable; requests get `logger.child({ requestId })`. When tracing runs
 * (startTracing before this), each line logged inside a span carries its `trace_id` and `span_id`.
 * JSON to stdout, or readable lines when chooseLogFormat says so (LOG_FORMAT, or a terminal).
 */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = { name, level, base: { service: name }, ...(isTracing() ? { mixin: activeTraceFields } : {}) };
  if (chooseLogFormat(process.env, process.stdout.isTTY === true) === 'pretty') return pino(options, prettyDestination());
  return pino(options);
}
export { onceEvery } from './once-every';
