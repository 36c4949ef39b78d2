import { keyEncryptionEnvSchema, keyEncryptionKeysFrom, type KeyEncryptionKeys } from '@shopgraph/auth';
import { parseEnvOrExit } from '@shopgraph/config';
import { serviceEnvSchema } from '@shopgraph/server';

/**
 * The users subgraph's own settings, on top of every subgraph's: USERS_KEY_ENCRYPTION_KEYS, which
 * seal its private signing keys (docs/security.md). The schema lives in @shopgraph/auth so that the
 * test harness opens the keys as the service does.
 */
const usersOwnEnv = keyEncryptionEnvSchema;

/** The users process's whole environment: every subgraph's variables (packages/server) and its own. */
export const usersEnvSchema = serviceEnvSchema('users').extend(usersOwnEnv.shape);

/** Read once at start; a bad or (in production) missing value stops the process naming the variable. */
export function parseUsersEnv(env: NodeJS.ProcessEnv = process.env): { keyEncryptionKeys: KeyEncryptionKeys } {
  return { keyEncryptionKeys: keyEncryptionKeysFrom(parseEnvOrExit(usersOwnEnv, env)) };
}
