import { JWKS_PATH, type KeyEncryptionKeys } from '@shopgraph/auth';
import type { Logger } from '@shopgraph/logging';
import { emailTransportFor, notificationSettings, startDispatcher, type EmailTransport, type NotificationsEnv } from '@shopgraph/notifications';
import { createSubgraphApollo, loadTypeDefs, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { KeyRing } from './auth/key-ring';
import { createContext, type SubgraphContext } from './context';
import type { UsersDb } from './db/database';
import { deliverDueAccountEmails } from './notifications/email-dispatch';
import { wakeOnQueuedEmails } from './notifications/wake-on-queued-emails';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));

export interface UsersDeps {
  db: UsersDb;
  production: boolean;
  keyEncryptionKeys: KeyEncryptionKeys;
  logger: Logger;
  /** SMTP_URL and the retry settings (src/env.ts); defaults when absent. */
  notifications?: Partial<NotificationsEnv>;
  /** Default: SMTP when notifications.SMTP_URL is set, else the log. */
  emailTransport?: EmailTransport;
}

/** The users subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: UsersDeps): GraphQLService<SubgraphContext> {
  const keys = new KeyRing(deps.db, deps.keyEncryptionKeys);
  const settings = notificationSettings(deps.notifications);
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(deps.db, keys, request),
    // Public keys only: the gateway verifies access tokens without ever holding a private key.
    routes: { [JWKS_PATH]: () => keys.publicKeys() },
    // Account emails (password reset) leave from the outbox: at once when the commit that queued one
    // notifies (any replica), and at the latest at the poll (NOTIFICATIONS_POLL_MS), which also finds retries.
    background: async () => {
      const logger = deps.logger.child({ job: 'notifications' });
      const transport = deps.emailTransport ?? emailTransportFor(settings, logger);
      const dispatcher = startDispatcher({
        deliverDue: () => deliverDueAccountEmails(deps.db, transport, settings, logger),
        pollMs: settings.NOTIFICATIONS_POLL_MS,
        logger,
      });
      const stopListening = await wakeOnQueuedEmails(deps.db, dispatcher, logger);
      return async () => {
        await stopListening();
        await dispatcher.stop();
        transport.close?.();
      };
    },
  };
}
