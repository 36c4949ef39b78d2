import { sql, type SQL } from 'drizzle-orm';
import type { ReportRange } from '../../reports/report-range';

/**
 * The local starts (`local_start`, a timestamp without zone) of every day, week or month of the
 * range in `timeZone`, as a subquery: series include empty periods, so charts need not fill gaps.
 */
export function periodSeries(range: ReportRange, unit: string, timeZone: string): SQL {
  const to = sql`${range.to.toISOString()}::timestamptz at time zone ${timeZone}`;
  return sql`(
    select local_start from generate_series(
      date_trunc(${unit}, ${range.from.toISOString()}::timestamptz at time zone ${timeZone}), ${to}, ('1 ' || ${unit})::interval
    ) as local_start
    where local_start < ${to}
  )`;
}

/** The period's start as an instant (milliseconds) and its first local day (2026-03-01), from `p.local_start`. */
export function periodColumns(timeZone: string): SQL {
  return sql`extract(epoch from p.local_start at time zone ${timeZone})::float8 * 1000 as start_ms, to_char(p.local_start, 'YYYY-MM-DD') as label`;
}
