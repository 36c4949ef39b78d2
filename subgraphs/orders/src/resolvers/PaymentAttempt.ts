import type { PaymentAttemptResolvers } from '../__generated__/resolvers-types';

export const PaymentAttempt: PaymentAttemptResolvers = {
  amount: (attempt) => ({ amount: attempt.amountCents, currency: 'USD' }),
};
