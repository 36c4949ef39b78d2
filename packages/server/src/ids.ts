import { badUserInput } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Entity ids are UUIDs; anything else is the client's mistake, answered with BAD_USER_INPUT. */
export function parseId(value: string, argumentName = 'id'): string {
  if (!isUuid(value)) throw badUserInput(`"${argumentName}" is not a valid ID: expected a UUID`, argumentName);
  return value.toLowerCase();
}
