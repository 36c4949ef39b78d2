import { GraphQLError } from 'graphql';
import { ErrorCode } from '@shopgraph/server';

// One message for an unknown email and a wrong password, so neither tells which it was.
export const wrongCredentials = () => new GraphQLError('Email or password is wrong', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const sessionEnded = () =>
  new GraphQLError('This session has ended; sign in again', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const emailTaken = () => new GraphQLError('An account with this email exists', { extensions: { code: ErrorCode.CONFLICT } });

/** Postgres unique_violation (the case-insensitive email index), also when drizzle wraps it as the cause. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; typeof current === 'object' && current !== null; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: string }).code === '23505') return true;
  }
  return false;
}
