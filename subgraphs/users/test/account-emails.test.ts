import { PermanentDeliveryError } from '@shopgraph/notifications';
import { renderAccountEmail } from '../src/notifications/account-emails';

describe('account emails from outbox payloads', () => {
  test('a password reset carries the token in both bodies and escapes the name in the HTML', () => {
    const email = renderAccountEmail({ template: 'password-reset', to: 'pat@example.com', name: 'Pat & Co', token: 'tok-123' });
    expect(email).toMatchObject({ to: 'pat@example.com', template: 'password-reset', subject: 'Reset your Shopgraph password' });
    expect(email.text).toContain('within 30 minutes:\n\ntok-123\n');
    expect(email.html).toContain('<p style="margin:0 0 16px">tok-123</p>');
    expect(email.html).toContain('Hello Pat &amp; Co,');
  });

  test('a payload no template knows throws, so the dispatcher dead-letters it instead of sending nonsense', () => {
    expect(() => renderAccountEmail({ template: 'welcome', to: 'pat@example.com' })).toThrow(PermanentDeliveryError);
  });
});
