/** A Postgres error's SQLSTATE and constraint, found also when drizzle wraps it as the cause. */
export function postgresErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  for (let current: unknown = error; typeof current === 'object' && current !== null; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name: constraint } = current as { code?: unknown; constraint_name?: string };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint };
  }
  return undefined;
}

/** unique_violation: another row has this value; `constraint` narrows it to one index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = postgresErrorOf(error);
  return found?.code === '23505' && (constraint === undefined || found.constraint === constraint);
}

/** foreign_key_violation: the row points at one that does not exist. */
export function isForeignKeyViolation(error: unknown): boolean {
  return postgresErrorOf(error)?.code === '23503';
}

/** invalid_catalog_name: the database named in the URL does not exist (yet). */
export function isMissingDatabase(error: unknown): boolean {
  return postgresErrorOf(error)?.code === '3D000';
}
