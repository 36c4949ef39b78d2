import { createHash } from 'node:crypto';
import { isUuid, parseInput } from '@shopgraph/server';
import { badUserInput } from '@shopgraph/server';
import { z } from 'zod';

/** Luhn's checksum: catches a mistyped card number before any provider sees it. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

const checkoutInput = z.object({
  addressId: z
    .string()
    .refine(isUuid, 'is not a valid ID: expected a UUID')
    .transform((id) => id.toLowerCase()),
  cardNumber: z
    .string()
    .transform((number) => number.replace(/[\s-]/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d{12,19}$/, 'must be 12 to 19 digits')
        .refine(passesLuhn, 'is not a valid card number (checksum)'),
    ),
});

export type CheckoutInput = z.infer<typeof checkoutInput>;

export function parseCheckoutInput(input: unknown): CheckoutInput {
  return parseInput(checkoutInput, input);
}

/** Keys are UUIDs the client makes once per purchase: anything else is rejected before anything is read or written. */
export function parseIdempotencyKey(key: string): string {
  if (!isUuid(key)) throw badUserInput('"idempotencyKey" must be a UUID, made once per purchase and sent again on retries', 'idempotencyKey');
  return key.toLowerCase();
}

/** What "the same input" means for a key: the address and the card, hashed (no card number is stored). */
export function checkoutHash(input: CheckoutInput): string {
  return createHash('sha256')
    .update(JSON.stringify([input.addressId, input.cardNumber]))
    .digest('hex');
}

/**
 * The order id a (user, key) pair gets, the same on every retry: a retried checkout reserves stock
 * for the same order (inventory is idempotent per order), and two racing requests insert one order.
 */
export function orderIdFor(userId: string, key: string): string {
  const hex = createHash('sha256').update(`shopgraph-checkout:${userId}:${key}`).digest('hex');
  // RFC 4122 layout, version 8 (custom): a valid UUID for every column and parser.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
