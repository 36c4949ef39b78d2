import { randomUUID } from 'node:crypto';
import type { Logger } from '@shopgraph/logging';

/** One text message as it leaves. */
export interface OutgoingSms {
  /** E.164, e.g. +4915112345678. */
  to: string;
  body: string;
}

/** Delivers one SMS (Twilio, MessageBird...); returns the provider's message id. Throwing means not delivered. */
export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<string>;
}

/** Numbers the simulated provider refuses, like the test cards of the simulated payments: Twilio's test range. */
export const SIMULATED_UNREACHABLE_PREFIX = '+1500555';

/**
 * Nothing leaves the machine: the message is logged and its id is the record (the outbox row keeps
 * it, devTextMessages shows it). Numbers starting with SIMULATED_UNREACHABLE_PREFIX are refused, so
 * retries and dead letters can be tried. The default until a real provider is configured.
 */
export class SimulatedSmsProvider implements SmsProvider {
  readonly name = 'simulated';

  constructor(private readonly logger: Logger) {}

  async send(message: OutgoingSms): Promise<string> {
    if (message.to.startsWith(SIMULATED_UNREACHABLE_PREFIX)) throw new Error(`simulated: ${message.to} is not reachable`);
    const id = `simulated-${randomUUID()}`;
    this.logger.info({ to: message.to, providerMessageId: id }, `sms: ${message.body}`);
    return id;
  }
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;
