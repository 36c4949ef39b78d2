import { GraphQLError } from 'graphql';
import { ErrorCode } from '@shopgraph/server';

// One message for an unknown email and a wrong password, so neither tells which it was.
export const wrongCredentials = () => new GraphQLError('Email or password is wrong', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const sessionEnded = () => new GraphQLError('This session has ended; sign in again', { extensions: { code: ErrorCode.UNAUTHENTICATED } });

export const emailTaken = () => new GraphQLError('An account with this email exists', { extensions: { code: ErrorCode.CONFLICT } });

export { isUniqueViolation } from '@shopgraph/db';
