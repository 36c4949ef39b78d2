import { badUserInput } from '@shopgraph/server';

export type ReportPeriod = 'DAY' | 'WEEK' | 'MONTH';

/** Postgres's date_trunc unit of each period. */
export const PERIOD_UNIT: Record<ReportPeriod, 'day' | 'week' | 'month'> = { DAY: 'day', WEEK: 'week', MONTH: 'month' };

/** A series longer than this is a mistake (or an attack on the database), not a chart. */
export const MAX_PERIODS = 1_000;

const APPROXIMATE_PERIOD_MS: Record<ReportPeriod, number> = { DAY: 86_400_000, WEEK: 7 * 86_400_000, MONTH: 28 * 86_400_000 };

export interface ReportRange {
  from: Date;
  to: Date;
}

/** [from, to) must be a real, forward range; with a period, one of at most MAX_PERIODS periods. */
export function reportRange(from: Date, to: Date, period?: ReportPeriod): ReportRange {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw badUserInput('"from" and "to" must be dates', 'from');
  if (to <= from) throw badUserInput('"to" must come after "from"', 'to');
  if (period && (to.getTime() - from.getTime()) / APPROXIMATE_PERIOD_MS[period] > MAX_PERIODS + 1) {
    throw badUserInput(`at most ${MAX_PERIODS} periods of ${period} at a time`, 'from');
  }
  return { from, to };
}

/** A top list's length: 1 to 100. */
export function topListSize(first: number | null | undefined, fallback: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > 100) throw badUserInput('"first" must be between 1 and 100', 'first');
  return size;
}
