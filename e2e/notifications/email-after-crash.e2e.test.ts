// The orders (then the users) process killed (SIGKILL) while the SMTP server has the whole message and
// the process waits for its answer: the start:services supervisor starts it again, and the email is sent
// again, with the same Message-ID, so the copy is recognisable (at least once, never zero times).
import { startFaultPlatform, type FaultPlatform } from '../faults/fault-platform';
import { shopClient, until } from './shop-client';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

describe('an orders or users process that dies mid-send (one process per service)', () => {
  let smtp: TestSmtpServer;
  let platform: FaultPlatform;
  const client = shopClient(() => platform.gatewayUrl);

  beforeAll(async () => {
    // The first message to a crash- address is held unanswered; everything else is accepted.
    smtp = await startTestSmtpServer((to, attempt) => (to.startsWith('crash-') && attempt === 0 ? 'hold' : 'accept'));
    platform = await startFaultPlatform('email-after-crash', { SMTP_URL: smtp.url, SMTP_FROM: 'Shopgraph <shop@crash.test>', NOTIFICATIONS_POLL_MS: '200' });
  }, 150_000);
  afterAll(async () => {
    await platform?.stop();
    await smtp?.close();
  }, 60_000);

  test('comes back and sends the email again, with the same Message-ID', async () => {
    const shopper = await client.register('crash');
    const orderId = await client.buy(shopper);
    const held = await smtp.waitFor((email) => email.to === shopper.email && email.answer === 'hold');
    const orders = platform.services.processes.orders;
    const [pid, restarts] = [orders.pid!, orders.restarts];

    process.kill(pid, 'SIGKILL');
    const resent = await smtp.waitFor((email) => email.to === shopper.email && email.answer === 'accept');

    expect(orders.restarts).toBe(restarts + 1);
    expect(resent).toMatchObject({ messageId: held.messageId, subject: held.subject });
    expect(resent.messageId).toMatch(/^<orders\.\d+\.ORDER_CONFIRMED@crash\.test>$/);
    // The killed attempt left no trace: the row was locked, not updated, when the process died.
    const [email] = await until(
      () => client.mailbox(shopper.headers),
      (mail) => Boolean(mail[0]?.sentAt),
    );
    expect(email).toMatchObject({ kind: 'ORDER_CONFIRMED', attempts: 1, order: { id: orderId } });
  }, 120_000);

  test('a users process that dies sending a password reset (woken by the commit) sends it again when it is back', async () => {
    const account = await client.register('crash-reset');
    await client.gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: account.email }, {});
    const held = await smtp.waitFor((email) => email.to === account.email && email.answer === 'hold');
    const users = platform.services.processes.users;
    const restarts = users.restarts;

    process.kill(users.pid!, 'SIGKILL');
    const resent = await smtp.waitFor((email) => email.to === account.email && email.answer === 'accept');
    expect(users.restarts).toBe(restarts + 1);
    expect(resent).toMatchObject({ messageId: held.messageId, subject: 'Reset your Shopgraph password' });
    expect(resent.messageId).toMatch(/^<users\.[0-9a-f-]+\.password-reset@crash\.test>$/);
  }, 120_000);
});
