import { randomUUID } from 'node:crypto';
import type { Cache, Counters } from '@shopgraph/cache';
import { TransientPaymentError, type PaymentProvider, type ProviderAnswer } from './payment-provider';

/** Test cards of the simulated provider (docs/checkout.md). Any other number with a valid checksum succeeds. */
export const TEST_CARDS = {
  SUCCEEDS: '4242424242424242',
  DECLINED: '4000000000000002',
  /** The first authorization attempt fails transiently; a retry with the same key succeeds. */
  FAILS_ONCE: '4000000000000119',
  /** Never answers within the caller's deadline. */
  TIMES_OUT: '4000000000000408',
} as const;

const ANSWER_TTL_SECONDS = 24 * 60 * 60;

/**
 * A card processor that moves no money. It keeps its idempotency records (and its per-key attempt
 * counts) in the shared cache and counters, so a retry in another process gets the same answer,
 * as it would from a real provider.
 */
export class SimulatedPaymentProvider implements PaymentProvider {
  readonly name = 'simulated';

  constructor(
    private readonly cache: Cache,
    private readonly counters: Counters,
    /** How long the TIMES_OUT card keeps the caller waiting. */
    private readonly hangMs = 30_000,
  ) {}

  authorize(request: { idempotencyKey: string; amountCents: number; cardNumber: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => {
      if (request.cardNumber === TEST_CARDS.TIMES_OUT) {
        await new Promise((resolve) => setTimeout(resolve, this.hangMs).unref());
        throw new TransientPaymentError('simulated provider: no answer');
      }
      if (request.cardNumber === TEST_CARDS.FAILS_ONCE) {
        const { count } = await this.counters.hit(`payments:simulated:attempts:${request.idempotencyKey}`, ANSWER_TTL_SECONDS);
        if (count === 1) throw new TransientPaymentError('simulated provider: processing error, try again');
      }
      if (request.cardNumber === TEST_CARDS.DECLINED) return { outcome: 'DECLINED', message: 'card declined' };
      return { outcome: 'SUCCEEDED', reference: `sim_auth_${randomUUID()}` };
    });
  }

  capture(request: { idempotencyKey: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => ({ outcome: 'SUCCEEDED', reference: `sim_capture_${randomUUID()}` }));
  }

  void(request: { idempotencyKey: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => ({ outcome: 'SUCCEEDED', reference: `sim_void_${randomUUID()}` }));
  }

  refund(request: { idempotencyKey: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => ({ outcome: 'SUCCEEDED', reference: `sim_refund_${randomUUID()}` }));
  }

  /** Answers a key's first definite answer again; transient failures are not remembered. */
  private async once(idempotencyKey: string, decide: () => Promise<ProviderAnswer>): Promise<ProviderAnswer> {
    const key = `payments:simulated:answer:${idempotencyKey}`;
    const [known] = await this.cache.getMany([key]);
    if (known) return JSON.parse(known) as ProviderAnswer;
    const answer = await decide();
    await this.cache.setMany([{ key, value: JSON.stringify(answer), ttlSeconds: ANSWER_TTL_SECONDS }]);
    return answer;
  }
}
