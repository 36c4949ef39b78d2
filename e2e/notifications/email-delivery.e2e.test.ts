import { describeWithRedis, testRedisUrl, type GraphQLResponse } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { errorCode as code, shopClient, until } from './shop-client';
import { startTestSmtpServer, type Answer, type TestSmtpServer } from './test-smtp-server';

const MAX_ATTEMPTS = 3;
// Fast retries so a test sees the whole backoff; the policy itself is unit-tested in packages/notifications.
const NOTIFICATION_ENV = {
  NOTIFICATIONS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
  NOTIFICATIONS_RETRY_BASE_MS: '100',
  NOTIFICATIONS_RETRY_MAX_MS: '400',
  NOTIFICATIONS_POLL_MS: '100',
  SMTP_FROM: 'Shopgraph Test <shop@notifications.test>',
};
const ok = (response: GraphQLResponse) => expect(response.errors).toBeUndefined();

/** Who gets which answer: the address's first word says how the test's SMTP server treats it. */
function answerFor(to: string, attempt: number): Answer {
  if (to.startsWith('refused-')) return 'refuse';
  if (to.startsWith('unknown-')) return 'reject';
  if (to.startsWith('flaky-')) return attempt === 0 ? 'refuse' : 'accept';
  if (to.startsWith('dropped-')) return attempt === 0 ? 'drop' : 'accept';
  return 'accept';
}

describeWithRedis('email over SMTP and SMS from the outboxes, through the gateway', () => {
  let smtp: TestSmtpServer;
  let platform: TestPlatform;
  let admin: Record<string, string>;
  const savedEnv = { ...process.env };
  const client = shopClient(() => platform.gatewayUrl);
  const { register, buy, mailbox } = client;
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = admin) => client.gql(query, variables, headers);

  beforeAll(async () => {
    smtp = await startTestSmtpServer(answerFor);
    Object.assign(process.env, NOTIFICATION_ENV, { SMTP_URL: smtp.url });
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
    admin = await client.signInAdmin();
  });
  afterAll(async () => {
    await platform?.stop();
    await smtp?.close();
    process.env = savedEnv;
  });

  test('an order placed, shipped, delivered and refunded sends each email over SMTP, in HTML and text, and the shipping updates by SMS', async () => {
    const shopper = await register('shopper');
    expect(code(await gql('mutation { setSmsPhone(phone: "12345") { smsPhone } }', {}, shopper.headers))).toBe('BAD_USER_INPUT');
    const phone = await gql('mutation { setSmsPhone(phone: "+49 151 1234 5678") { smsPhone } }', {}, shopper.headers);
    expect(phone.data!.setSmsPhone).toEqual({ smsPhone: '+4915112345678' });

    const orderId = await buy(shopper);
    const confirmed = await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('is confirmed'));
    expect(confirmed.text).toContain(orderId);
    expect(confirmed.html).toContain(`<p style="margin:0 0 16px">Thank you!`);

    ok(await gql('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "UPS", trackingNumber: "1Z999AA1") { status } }', { id: orderId }));
    const shipped = await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('on its way'));
    expect(shipped.text).toContain('shipped with UPS.\n\nTracking number: 1Z999AA1');
    expect(shipped.html).toContain('<p style="margin:0 0 16px">Tracking number: 1Z999AA1</p>');
    ok(await gql('mutation ($id: ID!) { markDelivered(orderId: $id) { status } }', { id: orderId }));
    await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('was delivered'));
    ok(await gql('mutation ($id: ID!) { refundOrder(orderId: $id, reason: "damaged") { status } }', { id: orderId }));
    const refunded = await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('was refunded'));
    expect(refunded.text).toContain('on its way back to your card');
    // Each from its own event: four Message-IDs in the sender's domain.
    const ids = smtp.seen.filter((email) => email.to === shopper.email).map((email) => email.messageId);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id.endsWith('@notifications.test>'))).toBe(true);

    const texts = await until(
      async () =>
        (await gql('{ devTextMessages { to kind body provider providerMessageId sentAt order { id } } }', {}, shopper.headers)).data!.devTextMessages as {
          kind: string;
          sentAt: string | null;
        }[],
      (messages) => messages.filter((message) => message.sentAt).length === 2,
    );
    expect(texts.map(({ kind }) => kind).sort()).toEqual(['ORDER_DELIVERED', 'ORDER_SHIPPED']);
    expect(texts.find((message) => message.kind === 'ORDER_SHIPPED')).toMatchObject({
      to: '+4915112345678',
      body: expect.stringContaining('shipped with UPS, tracking 1Z999AA1'),
      provider: 'simulated',
      providerMessageId: expect.stringMatching(/^simulated-/),
      order: { id: orderId },
    });
    const mail = await mailbox(shopper.headers);
    expect(mail.every((email) => email.sentAt && email.attempts === 1)).toBe(true);
  });

  test('an SMS the provider keeps refusing ends dead-lettered, and admins see it', async () => {
    const shopper = await register('unreachable');
    ok(await gql('mutation { setSmsPhone(phone: "+15005550001") { smsPhone } }', {}, shopper.headers));
    const orderId = await buy(shopper);
    ok(await gql('mutation ($id: ID!) { markShipped(orderId: $id, carrier: "DHL", trackingNumber: "JD0001") { status } }', { id: orderId }));
    // The email still goes: the channels fail apart.
    await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('on its way'));
    const failed = await until(
      async () => (await gql('{ failedTextMessages { to kind attempts lastError sentAt order { id } } }')).data!.failedTextMessages as { to: string }[],
      (messages) => messages.some((message) => message.to === '+15005550001'),
    );
    expect(failed.find((message) => message.to === '+15005550001')).toMatchObject({
      kind: 'ORDER_SHIPPED',
      attempts: MAX_ATTEMPTS,
      lastError: 'simulated: +15005550001 is not reachable',
      sentAt: null,
      order: { id: orderId },
    });
    expect(code(await gql('{ failedTextMessages { id } }', {}, shopper.headers))).toBe('FORBIDDEN');
  });

  test('a declined card sends the payment-failed email; no phone number, no SMS', async () => {
    const shopper = await register('declined');
    const orderId = await buy(shopper, '4000000000000002');
    const failed = await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('did not go through'));
    expect(failed.text).toContain(orderId);
    expect((await gql('{ devTextMessages { id } }', {}, shopper.headers)).data!.devTextMessages).toEqual([]);
  });

  test('password reset: the email with the token arrives over SMTP and the token works', async () => {
    const account = await register('forgetful');
    expect((await gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: account.email })).data).toEqual({ requestPasswordReset: true });
    const reset = await smtp.waitFor((email) => email.to === account.email && email.subject === 'Reset your Shopgraph password');
    expect(reset.html).toContain('Hello Pat &lt;Parcel&gt;,');
    const token = /minutes:\n\n(\S+)\n/.exec(reset.text)![1]!;
    const done = await gql('mutation ($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }', { t: token, p: 'a brand new password' });
    expect(done.data).toEqual({ resetPassword: true });
  });

  test('a server that refuses (451) and then accepts: the email arrives once, after the retry', async () => {
    const shopper = await register('flaky');
    const orderId = await buy(shopper);
    const accepted = await smtp.waitFor((email) => email.to === shopper.email && email.answer === 'accept');
    const attempts = smtp.seen.filter((email) => email.to === shopper.email);
    expect(attempts.map((email) => email.answer)).toEqual(['refuse', 'accept']);
    expect(attempts[0]!.messageId).toBe(accepted.messageId);
    const [email] = await until(
      () => mailbox(shopper.headers),
      (mail) => Boolean(mail[0]?.sentAt),
    );
    expect(email).toMatchObject({ kind: 'ORDER_CONFIRMED', attempts: 2, lastError: null, order: { id: orderId } });
  });

  test('a send that dies before the server answers is sent again with the same Message-ID (at least once, duplicates recognisable)', async () => {
    const shopper = await register('dropped');
    await buy(shopper);
    const resent = await smtp.waitFor((email) => email.to === shopper.email && email.answer === 'accept');
    const [lost] = smtp.seen.filter((email) => email.to === shopper.email);
    expect(lost).toMatchObject({ answer: 'drop', messageId: resent.messageId, subject: resent.subject });
  });

  test('a server that always refuses: order and account emails end dead-lettered, and admins (only) see them', async () => {
    const shopper = await register('refused');
    const orderId = await buy(shopper);
    await gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: shopper.email });
    await smtp.waitFor(
      (email) => email.to === shopper.email && email.subject.includes('confirmed') && refusalsOf(smtp, shopper.email, 'confirmed') === MAX_ATTEMPTS,
    );
    await smtp.waitFor((email) => email.to === shopper.email && email.subject.includes('Reset') && refusalsOf(smtp, shopper.email, 'Reset') === MAX_ATTEMPTS);

    const orderEmails = await until(
      async () =>
        (await gql('{ failedNotifications { kind to attempts lastError deadLetteredAt sentAt order { id } } }')).data!.failedNotifications as { to: string }[],
      (failed) => failed.some((email) => email.to === shopper.email),
    );
    expect(orderEmails.find((email) => email.to === shopper.email)).toMatchObject({
      kind: 'ORDER_CONFIRMED',
      attempts: MAX_ATTEMPTS,
      lastError: expect.stringContaining('451'),
      deadLetteredAt: expect.any(String),
      sentAt: null,
      order: { id: orderId },
    });
    const accountEmails = await until(
      async () => (await gql('{ failedAccountEmails { to template attempts lastError deadLetteredAt } }')).data!.failedAccountEmails as { to: string }[],
      (failed) => failed.some((email) => email.to === shopper.email),
    );
    expect(accountEmails.find((email) => email.to === shopper.email)).toMatchObject({
      template: 'password-reset',
      attempts: MAX_ATTEMPTS,
      lastError: expect.stringContaining('451'),
    });

    expect(code(await gql('{ failedNotifications { id } }', {}, shopper.headers))).toBe('FORBIDDEN');
    expect(code(await gql('{ failedAccountEmails { id } }', {}, shopper.headers))).toBe('FORBIDDEN');
  });
  test('a server that rejects for good (550): dead-lettered at the first attempt, no retries', async () => {
    const shopper = await register('unknown');
    await buy(shopper);
    await smtp.waitFor((email) => email.to === shopper.email && email.answer === 'reject');
    const failed = await until(
      async () => (await gql('{ failedNotifications { to attempts lastError } }')).data!.failedNotifications as { to: string }[],
      (emails) => emails.some((email) => email.to === shopper.email),
    );
    expect(failed.find((email) => email.to === shopper.email)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('550') });
    expect(smtp.seen.filter((email) => email.to === shopper.email)).toHaveLength(1);
  });
});

function refusalsOf(smtp: TestSmtpServer, to: string, subject: string): number {
  return smtp.seen.filter((email) => email.to === to && email.subject.includes(subject) && email.answer === 'refuse').length;
}
