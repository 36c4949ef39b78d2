import { z } from '@shopgraph/config';
import { notificationsEnv } from '../src/env';

const schema = z.object(notificationsEnv);

test('an empty SMTP_URL (compose passes ${SMTP_URL:-} when .env has none) is unset: emails are only logged', () => {
  expect(schema.parse({ SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  expect(schema.parse({}).SMTP_URL).toBeUndefined();
});

test('an SMTP_URL that is not smtp:// or smtps:// is refused, naming the variable', () => {
  expect(schema.parse({ SMTP_URL: 'smtps://user:pass@mail.example.com:465' }).SMTP_URL).toBe('smtps://user:pass@mail.example.com:465');
  const refused = schema.safeParse({ SMTP_URL: 'http://mail.example.com' });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['SMTP_URL']);
});
