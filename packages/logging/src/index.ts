import pino, { type Logger } from 'pino';

export type { Logger };

/** One root logger per deployable; requests get `logger.child({ requestId })`. */
export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
