import { z } from 'zod';

// Limits keep oversized input out of argon2 and the database.
export const emailInput = z.string().trim().max(254, 'is too long').pipe(z.email('is not an email address'));
export const passwordInput = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');
export const nameInput = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

export const registerInput = z.object({ email: emailInput, password: passwordInput, name: nameInput });
export const profileInput = z.object({ email: emailInput.optional(), name: nameInput.optional() });
