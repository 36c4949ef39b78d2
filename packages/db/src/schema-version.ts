import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The tag of the newest migration in a drizzle-kit folder: cache keys carry it, so a new schema never reads old entries. */
export function schemaVersionOf(migrationsFolder: string): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.at(-1)?.tag ?? '0';
}
