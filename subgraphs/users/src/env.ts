import { keyEncryptionEnvSchema, keyEncryptionKeysFrom, type KeyEncryptionKeys } from '@shopgraph/auth';
import { parseEnvOrExit, z } from '@shopgraph/config';
import { notificationsEnv, type NotificationsEnv } from '@shopgraph/notifications';
import { serviceEnvSchema } from '@shopgraph/server';

/**
 * The users subgraph's own settings, on top of every subgraph's: USERS_KEY_ENCRYPTION_KEYS, which
 * seal its private signing keys (docs/security.md; the schema lives in @shopgraph/auth so that the
 * test harness opens the keys as the service does), and SMTP_URL with the other notification
 * settings for account emails (docs/notifications.md; their defaults live in @shopgraph/notifications).
 */
const usersOwnEnv = keyEncryptionEnvSchema;
const usersNotificationsEnv = z.object(notificationsEnv);

/** The users process's whole environment: every subgraph's variables (packages/server) and its own. */
export const usersEnvSchema = serviceEnvSchema('users').extend(usersOwnEnv.shape).extend(notificationsEnv);

/** Read once at start; a bad or (in production) missing value stops the process naming the variable. */
export function parseUsersEnv(env: NodeJS.ProcessEnv = process.env): { keyEncryptionKeys: KeyEncryptionKeys; notifications: NotificationsEnv } {
  return { keyEncryptionKeys: keyEncryptionKeysFrom(parseEnvOrExit(usersOwnEnv, env)), notifications: parseEnvOrExit(usersNotificationsEnv, env) };
}
