import { join } from 'node:path';
import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { createSubgraphApollo, loadTypeDefs, type GraphQLService } from '@shopgraph/server';
import { CartStore } from './cart/cart-store';
import type { Commerce } from './commerce';
import { createContext, type SubgraphContext } from './context';
import type { OrdersDb } from './db/database';
import { LogEmailSender, type EmailSender } from './notifications/email-sender';
import { startNotificationsConsumer } from './notifications/notifications-consumer';
import { Payments, type PaymentSettings } from './payments/payments';
import type { PaymentProvider } from './payments/payment-provider';
import { SimulatedPaymentProvider } from './payments/simulated-provider';
import { PeerClient } from './peers/peer-client';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(join(__dirname, '..', 'schema.graphql'));

export interface OrdersDeps {
  db: OrdersDb;
  production: boolean;
  shared: SharedState;
  logger: Logger;
  gatewaySecret: string;
  peerUrls: () => Partial<Record<ServiceName, string>>;
  /** Default: the simulated provider (test cards in docs/checkout.md). */
  paymentProvider?: PaymentProvider;
  paymentSettings?: PaymentSettings;
  /** Default: log the email; devMailbox shows it. */
  emailSender?: EmailSender;
}

/** The orders subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: OrdersDeps): GraphQLService<SubgraphContext> {
  const provider = deps.paymentProvider ?? new SimulatedPaymentProvider(deps.shared.cache, deps.shared.counters);
  const commerce: Commerce = {
    db: deps.db,
    peers: new PeerClient(deps.gatewaySecret, deps.peerUrls),
    carts: new CartStore(deps.shared.cache),
    payments: new Payments(deps.db, provider, deps.logger, deps.paymentSettings),
  };
  const sender = deps.emailSender ?? new LogEmailSender(deps.logger);
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(commerce, deps.production, request),
    background: () => startNotificationsConsumer(deps.db, deps.shared.events, sender, deps.logger),
  };
}
