import { describeWithRedis, testRedisUrl } from '@shopgraph/testing';
import { startPlatformForTest, type TestPlatform } from '../support';
import { shopClient } from './shop-client';
import { startTestSmtpServer, type TestSmtpServer } from './test-smtp-server';

// The poll at its longest (10 minutes): an email that arrives within the test was sent because the
// commit that queued it notified the users dispatcher (LISTEN/NOTIFY), not because a poll found it.
const NOTIFICATION_ENV = { NOTIFICATIONS_POLL_MS: '600000', NOTIFICATIONS_RETRY_BASE_MS: '100', NOTIFICATIONS_RETRY_MAX_MS: '200' };

describeWithRedis('a password-reset email leaves when its transaction commits, not at the next poll', () => {
  let smtp: TestSmtpServer;
  let platform: TestPlatform;
  const savedEnv = { ...process.env };
  const client = shopClient(() => platform.gatewayUrl);
  const requestReset = async (email: string) =>
    expect((await client.gql('mutation ($e: String!) { requestPasswordReset(email: $e) }', { e: email }, {})).data).toEqual({ requestPasswordReset: true });

  beforeAll(async () => {
    smtp = await startTestSmtpServer((to, attempt) => (to.startsWith('flaky-') && attempt === 0 ? 'refuse' : 'accept'));
    Object.assign(process.env, NOTIFICATION_ENV, { SMTP_URL: smtp.url });
    platform = await startPlatformForTest({ redisUrl: testRedisUrl() });
  });
  afterAll(async () => {
    await platform?.stop();
    await smtp?.close();
    process.env = savedEnv;
  });

  test('each reset email arrives with a 10-minute poll, one after another', async () => {
    // The dispatcher passes once at start and then sleeps; three requests in a row each wake it.
    for (const name of ['first', 'second', 'third']) {
      const account = await client.register(name);
      await requestReset(account.email);
      const email = await smtp.waitFor((candidate) => candidate.to === account.email);
      expect(email.subject).toBe('Reset your Shopgraph password');
    }
  });

  test('a refused email is still retried when its backoff is up, and arrives once', async () => {
    const account = await client.register('flaky');
    await requestReset(account.email);
    await smtp.waitFor((email) => email.to === account.email && email.answer === 'accept');
    expect(smtp.seen.filter((email) => email.to === account.email).map((email) => email.answer)).toEqual(['refuse', 'accept']);
  });
});
