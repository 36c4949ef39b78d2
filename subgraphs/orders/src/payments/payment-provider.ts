/**
 * A payment provider (a card processor). Every call carries an idempotency key: the same key
 * again answers what the first call answered and never moves money twice, so callers may retry
 * a call whose answer they did not get.
 */
export interface PaymentProvider {
  readonly name: string;
  /** Holds the amount on the card. */
  authorize(request: { idempotencyKey: string; amountCents: number; currency: string; cardNumber: string }): Promise<ProviderAnswer>;
  /** Takes (part of) an authorized amount. */
  capture(request: { idempotencyKey: string; authorization: string; amountCents: number }): Promise<ProviderAnswer>;
  /** Drops an authorization that will not be captured. */
  void(request: { idempotencyKey: string; authorization: string }): Promise<ProviderAnswer>;
  /** Gives back part or all of a captured amount. */
  refund(request: { idempotencyKey: string; authorization: string; amountCents: number }): Promise<ProviderAnswer>;
  /**
   * The definite answer a key got, or null when the provider never settled a call with it. Moves
   * no money: the reconciler asks it about calls whose answer was lost (a crash, an unrecorded attempt).
   */
  lookup(idempotencyKey: string): Promise<ProviderAnswer | null>;
}

/** A definite answer. Transient failures are thrown as TransientPaymentError; the caller's deadline covers timeouts. */
export type ProviderAnswer = { outcome: 'SUCCEEDED'; reference: string } | { outcome: 'DECLINED'; message: string };

/** The provider failed in a way that may pass: the call can be retried with the same key. */
export class TransientPaymentError extends Error {}
