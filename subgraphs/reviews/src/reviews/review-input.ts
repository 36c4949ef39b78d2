import { z } from 'zod';

const rating = z.number().int('must be a whole number of stars').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');
const title = z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const body = z.string().trim().min(1, 'must not be empty').max(5_000, 'must be at most 5,000 characters');

/** A new review's content. */
export const reviewContent = z.object({ rating, title, body });

/** An edit: any of the fields, at least one. */
export const reviewEdit = z
  .object({ rating: rating.optional(), title: title.optional(), body: body.optional() })
  .refine((edit) => edit.rating !== undefined || edit.title !== undefined || edit.body !== undefined, 'give at least one of rating, title or body');

/** GraphQL's explicit nulls mean "not given". */
export const given = <T>(value: T | null | undefined): T | undefined => value ?? undefined;
