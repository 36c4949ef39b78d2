import { sql } from 'drizzle-orm';
import { badUserInput } from '@shopgraph/server';
import type { AnalyticsDb } from '../db/database';

/**
 * Checks a time zone against the names this Postgres knows (pg_timezone_names, the IANA database
 * it was built with), which are the ones `AT TIME ZONE` accepts. They change only with a Postgres
 * upgrade, so they are read once per process (again after a failed read).
 */
export function createTimeZoneCheck(db: AnalyticsDb): (name: string) => Promise<string> {
  let known: Promise<Set<string>> | undefined;
  const load = () => db.execute<{ name: string }>(sql`select name from pg_timezone_names`).then((rows) => new Set(rows.map((row) => row.name)));
  return async (name) => {
    known ??= load().catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    // posix/ and right/ repeat the zones (right/ with leap seconds): an IANA name is enough.
    if (name.startsWith('posix/') || name.startsWith('right/') || !(await known).has(name)) {
      throw badUserInput(`"${name}" is not an IANA time zone (such as Europe/Paris or UTC)`, 'timeZone');
    }
    return name;
  };
}
