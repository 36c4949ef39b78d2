import { afterFailedAttempt, attemptDelivery, messageIdFor, orderShippedEmail, type RetryPolicy } from '../src';

const policy: RetryPolicy = { NOTIFICATIONS_MAX_ATTEMPTS: 4, NOTIFICATIONS_RETRY_BASE_MS: 1_000, NOTIFICATIONS_RETRY_MAX_MS: 3_000 };
const now = new Date('2026-01-01T00:00:00Z');

describe('retries', () => {
  test('wait doubles after each failure, up to the cap, then the notification is dead-lettered', () => {
    const waits = [1, 2, 3].map((attempts) => {
      const after = afterFailedAttempt(attempts, policy, now);
      return 'retryAt' in after ? after.retryAt.getTime() - now.getTime() : null;
    });
    expect(waits).toEqual([1_000, 2_000, 3_000]);
    expect(afterFailedAttempt(4, policy, now)).toEqual({ deadLetter: true });
  });

  test('an attempt that throws is counted and keeps the reason', async () => {
    const outcome = await attemptDelivery(3, policy, () => Promise.reject(new Error('451 4.3.0 try\n later')));
    expect(outcome).toEqual({ sent: false, attempts: 4, error: '451 4.3.0 try later', deadLetter: true });
    expect(await attemptDelivery(0, policy, async () => 'provider-1')).toEqual({ sent: true, attempts: 1, providerId: 'provider-1' });
  });

  test('a permanent SMTP answer (5xx) is dead-lettered at the first attempt; a temporary one (4xx) is retried', async () => {
    const answer = (responseCode: number) => () => Promise.reject(Object.assign(new Error(`${responseCode} mailbox`), { responseCode }));
    expect(await attemptDelivery(0, policy, answer(550))).toMatchObject({ attempts: 1, deadLetter: true });
    expect(await attemptDelivery(0, policy, answer(451))).toMatchObject({ attempts: 1, retryAt: expect.any(Date) });
  });
});

describe('emails', () => {
  test('the Message-ID depends only on the event and the sender domain', () => {
    expect(messageIdFor('orders:42:ORDER_SHIPPED', 'Shop <no-reply@shop.example>')).toBe('<orders.42.ORDER_SHIPPED@shop.example>');
    expect(messageIdFor('orders:42:ORDER_SHIPPED', 'Shop <no-reply@shop.example>')).toBe(messageIdFor('orders:42:ORDER_SHIPPED', 'no-reply@shop.example'));
  });

  test('user input is escaped in the HTML and kept as is in the text', () => {
    const email = orderShippedEmail({ id: 'order-1', currency: 'USD', paidCents: 0, refundedCents: 0, carrier: 'DHL', trackingNumber: '<b>1Z</b>' });
    expect(email.html).toContain('Tracking number: &lt;b&gt;1Z&lt;/b&gt;');
    expect(email.text).toContain('Tracking number: <b>1Z</b>');
  });
});
