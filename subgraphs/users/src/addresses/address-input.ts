import { z } from 'zod';
import { notFound } from '@shopgraph/server';

const text = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => value || null);

export const addressInput = z.object({
  recipient: text(100),
  line1: text(200),
  line2: optionalText(200),
  city: text(100),
  region: optionalText(100),
  postalCode: text(20),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US'),
  isDefault: z.boolean().nullish(),
});

// Someone else's address answers exactly like a missing one: ids reveal nothing.
export const addressNotFound = () => notFound('No such address');
