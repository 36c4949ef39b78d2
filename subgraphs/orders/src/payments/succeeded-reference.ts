import type { Commerce } from '../commerce';
import { findSucceededPayment, recordPaymentAttempt } from '../db/queries/payments';
import type { OrderRow, PaymentOperation } from '../db/schema';

/**
 * The provider reference of the operation's success, from our records or else from the provider
 * (an answer that was never recorded: the request died, or Postgres failed, after the provider
 * answered). An answer learnt from the provider is recorded, so the payments table tells the truth.
 */
export async function succeededReference(commerce: Commerce, order: OrderRow, operation: PaymentOperation, key: string): Promise<string | null> {
  const recorded = await findSucceededPayment(commerce.db, order.id, operation);
  if (recorded?.providerReference) return recorded.providerReference;
  const answer = await commerce.payments.provider.lookup(key);
  if (answer?.outcome !== 'SUCCEEDED') return null;
  await recordPaymentAttempt(commerce.db, {
    orderId: order.id,
    operation,
    outcome: 'SUCCEEDED',
    amountCents: order.totalCents,
    provider: commerce.payments.provider.name,
    providerReference: answer.reference,
    providerIdempotencyKey: key,
    cardLast4: null,
    message: 'answer looked up at the provider',
  });
  return answer.reference;
}
