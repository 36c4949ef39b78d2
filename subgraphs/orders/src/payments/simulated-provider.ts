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
  /** Authorizes, but only after a second and a half: a slow processor, within the caller's deadline. */
  SLOW: '4000000000001091',
} as const;

const SLOW_AUTHORIZE_MS = 1_500;

const ANSWER_TTL_SECONDS = 24 * 60 * 60;
const answerKey = (idempotencyKey: string) => `payments:simulated:answer:${idempotencyKey}`;
const voidedKey = (authorization: string) => `payments:simulated:voided:${authorization}`;

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
      if (request.cardNumber === TEST_CARDS.SLOW) await new Promise((resolve) => setTimeout(resolve, SLOW_AUTHORIZE_MS));
      if (request.cardNumber === TEST_CARDS.DECLINED) return { outcome: 'DECLINED', message: 'card declined' };
      return { outcome: 'SUCCEEDED', reference: `sim_auth_${randomUUID()}` };
    });
  }

  /** A voided authorization cannot be captured any more, as at a real processor. */
  capture(request: { idempotencyKey: string; authorization: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => {
      const [voided] = await this.cache.getMany([voidedKey(request.authorization)]);
      if (voided) return { outcome: 'DECLINED', message: 'the authorization was voided' };
      return { outcome: 'SUCCEEDED', reference: `sim_capture_${randomUUID()}` };
    });
  }

  void(request: { idempotencyKey: string; authorization: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => {
      await this.cache.setMany([{ key: voidedKey(request.authorization), value: '1', ttlSeconds: ANSWER_TTL_SECONDS }]);
      return { outcome: 'SUCCEEDED', reference: `sim_void_${randomUUID()}` };
    });
  }

  refund(request: { idempotencyKey: string }): Promise<ProviderAnswer> {
    return this.once(request.idempotencyKey, async () => ({ outcome: 'SUCCEEDED', reference: `sim_refund_${randomUUID()}` }));
  }

  async lookup(idempotencyKey: string): Promise<ProviderAnswer | null> {
    const [known] = await this.cache.getMany([answerKey(idempotencyKey)]);
    return known ? (JSON.parse(known) as ProviderAnswer) : null;
  }

  /** Answers a key's first definite answer again; transient failures are not remembered. */
  private async once(idempotencyKey: string, decide: () => Promise<ProviderAnswer>): Promise<ProviderAnswer> {
    const known = await this.lookup(idempotencyKey);
    if (known) return known;
    const answer = await decide();
    await this.cache.setMany([{ key: answerKey(idempotencyKey), value: JSON.stringify(answer), ttlSeconds: ANSWER_TTL_SECONDS }]);
    return answer;
  }
}
