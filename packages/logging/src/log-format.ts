/** How log lines are written: `json` for machines (pino's own lines), `pretty` for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

/**
 * LOG_FORMAT when it is set; otherwise pretty only when stdout is a terminal and NODE_ENV is neither
 * production nor test, so anything that collects the output (a container, a pipe, jest) gets JSON.
 */
export function chooseLogFormat(env: { LOG_FORMAT?: string | undefined; NODE_ENV?: string | undefined }, stdoutIsTerminal: boolean): LogFormat {
  const requested = env.LOG_FORMAT;
  if (requested !== undefined) {
    if (!(LOG_FORMATS as readonly string[]).includes(requested)) throw new Error(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, not "${requested}"`);
    return requested as LogFormat;
  }
  return stdoutIsTerminal && env.NODE_ENV !== 'production' && env.NODE_ENV !== 'test' ? 'pretty' : 'json';
}
