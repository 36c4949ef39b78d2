import type { z } from 'zod';
import { GraphQLError } from 'graphql';
import { ErrorCode } from './errors';

/** Parses client input with a zod schema; every problem is named in one BAD_USER_INPUT error. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
  throw new GraphQLError(`Invalid input: ${problems.join('; ')}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, fields: result.error.issues.map((issue) => issue.path.join('.')) },
  });
}
