import type { Logger } from '@shopgraph/logging';
import type { OrdersDb } from '../db/database';
import { recordPaymentAttempt } from '../db/queries/payments';
import type { PaymentOperation, PaymentOutcome } from '../db/schema';
import { TransientPaymentError, type PaymentProvider, type ProviderAnswer } from './payment-provider';

export interface PaymentSettings {
  /** A provider call without an answer by then counts as TIMED_OUT (and is retried with the same key). */
  deadlineMs: number;
  /** Calls per operation before giving up on transient failures and timeouts. */
  attempts: number;
  backoffMs: number;
}

export const DEFAULT_PAYMENT_SETTINGS: PaymentSettings = { deadlineMs: 2_000, attempts: 3, backoffMs: 100 };

export type PaymentResult = { ok: true; reference: string } | { ok: false; outcome: PaymentOutcome; message: string };

class DeadlineExceeded extends Error {}

/** Recorded (and shown) for a provider error that is neither a deadline nor transient. */
export const UNEXPECTED_FAILURE = 'the payment provider failed unexpectedly';

function withDeadline<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The payments module: calls the provider with retries and a deadline, and records every attempt
 * in the payments table. The idempotency key is the same for every retry of one operation, so
 * retries never charge twice.
 */
export class Payments {
  constructor(
    private readonly db: OrdersDb,
    readonly provider: PaymentProvider,
    readonly logger: Logger,
    private readonly settings: PaymentSettings = DEFAULT_PAYMENT_SETTINGS,
  ) {}

  async call(
    attempt: { orderId: string; operation: PaymentOperation; amountCents: number; idempotencyKey: string; cardLast4?: string | null },
    send: () => Promise<ProviderAnswer>,
  ): Promise<PaymentResult> {
    let last: PaymentResult = { ok: false, outcome: 'FAILED', message: 'not attempted' };
    for (let index = 0; index < this.settings.attempts; index += 1) {
      if (index > 0) await new Promise((resolve) => setTimeout(resolve, this.settings.backoffMs * 2 ** (index - 1)));
      let outcome: PaymentOutcome;
      let reference: string | null = null;
      let message: string | null = null;
      try {
        const answer = await withDeadline(send(), this.settings.deadlineMs);
        outcome = answer.outcome;
        if (answer.outcome === 'SUCCEEDED') reference = answer.reference;
        else message = answer.message;
      } catch (error) {
        ({ outcome, message } = this.failureOf(error, attempt));
      }
      await recordPaymentAttempt(this.db, {
        orderId: attempt.orderId,
        operation: attempt.operation,
        outcome,
        amountCents: attempt.amountCents,
        provider: this.provider.name,
        providerReference: reference,
        providerIdempotencyKey: attempt.idempotencyKey,
        cardLast4: attempt.cardLast4 ?? null,
        message,
      });
      if (outcome === 'SUCCEEDED') return { ok: true, reference: reference! };
      last = { ok: false, outcome, message: message ?? outcome };
      if (outcome === 'DECLINED') return last;
      this.logger.warn({ orderId: attempt.orderId, operation: attempt.operation, outcome, attempt: index + 1 }, 'payment provider call failed; retrying');
    }
    return last;
  }

  /**
   * What a thrown provider call is recorded as. Anything but a deadline is FAILED, an error of the
   * provider's own path (a Redis timeout inside it, a bug) too: the attempt is on record and is
   * retried with the same key like a transient one, instead of leaving the order unrecorded and
   * PENDING. Its message is shown to the customer, so an unexpected error's own text is only logged.
   */
  private failureOf(error: unknown, attempt: { orderId: string; operation: PaymentOperation }): { outcome: PaymentOutcome; message: string } {
    if (error instanceof DeadlineExceeded) return { outcome: 'TIMED_OUT', message: error.message };
    if (error instanceof TransientPaymentError) return { outcome: 'FAILED', message: error.message };
    this.logger.error({ err: error, orderId: attempt.orderId, operation: attempt.operation }, 'payment provider call failed unexpectedly');
    return { outcome: 'FAILED', message: UNEXPECTED_FAILURE };
  }
}
