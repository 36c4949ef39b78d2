import type { SharedState } from '@shopgraph/cache';
import type { ServiceName } from '@shopgraph/config';
import type { Logger } from '@shopgraph/logging';
import { createSubgraphApollo, loadTypeDefs, subgraphSchemaPath, type GraphQLService } from '@shopgraph/server';
import { subgraphSubscriptions } from '@shopgraph/subscriptions';
import { CartStore } from './cart/cart-store';
import type { Commerce } from './commerce';
import { createContext, type SubgraphContext } from './context';
import type { OrdersDb } from './db/database';
import { notificationSettings, SimulatedSmsProvider, type EmailTransport, type SmsProvider } from '@shopgraph/notifications';
import { smsPhoneLookup } from './notifications/sms-phone';
import { startOrderNotifications } from './notifications/start-notifications';
import { Payments, type PaymentSettings } from './payments/payments';
import type { PaymentProvider } from './payments/payment-provider';
import { SimulatedPaymentProvider } from './payments/simulated-provider';
import { PeerClient } from './peers/peer-client';
import { ORDERS_DEFAULTS, type OrdersEnv } from './env';
import { ReconcileMetrics } from './reconcile/reconcile-metrics';
import { startReconciler } from './reconcile/reconciler';
import { resolvers } from './resolvers';

export const typeDefs = loadTypeDefs(subgraphSchemaPath(__dirname));

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
  /** ORDERS_* settings (src/env.ts); defaults when absent. */
  settings?: Partial<OrdersEnv>;
  /** Default: SMTP when settings.SMTP_URL is set, else log the email (devMailbox shows it). */
  emailTransport?: EmailTransport;
  /** Default: the simulated provider (devTextMessages shows what it sent). */
  smsProvider?: SmsProvider;
}

/** What the cart, checkout, lifecycle and reconciler work with, made once per process (tests make their own the same way). */
export function createCommerce(
  deps: Pick<OrdersDeps, 'db' | 'shared' | 'logger' | 'gatewaySecret' | 'peerUrls' | 'paymentProvider' | 'paymentSettings' | 'settings'>,
): Commerce {
  const provider = deps.paymentProvider ?? new SimulatedPaymentProvider(deps.shared.cache, deps.shared.counters);
  return {
    db: deps.db,
    peers: new PeerClient(deps.gatewaySecret, deps.peerUrls),
    carts: new CartStore(deps.shared.cache),
    payments: new Payments(deps.db, provider, deps.logger, deps.paymentSettings),
    paymentLeaseSeconds: deps.settings?.ORDERS_PAYMENT_LEASE_SECONDS ?? ORDERS_DEFAULTS.ORDERS_PAYMENT_LEASE_SECONDS,
  };
}

/** The orders subgraph, ready to serve; it never listens, so tests and the all-in-one mode share it. */
export function buildSubgraph(deps: OrdersDeps): GraphQLService<SubgraphContext> {
  const commerce = createCommerce(deps);
  const settings = { ...ORDERS_DEFAULTS, ...notificationSettings(), ...deps.settings };
  return {
    apollo: createSubgraphApollo<SubgraphContext>({ typeDefs, resolvers, production: deps.production }),
    context: async (request) => createContext(commerce, deps.production, request),
    // orderStatusChanged, myOrderUpdates and orderEvents, over graphql-ws for the gateway.
    subscriptions: subgraphSubscriptions<SubgraphContext>({
      typeDefs,
      resolvers,
      bus: deps.shared.events,
      logger: deps.logger,
      context: (request) => createContext(commerce, deps.production, request),
    }),
    background: async ({ metrics }) => {
      const stopNotifications = await startOrderNotifications({
        db: deps.db,
        bus: deps.shared.events,
        logger: deps.logger,
        settings,
        sms: deps.smsProvider ?? new SimulatedSmsProvider(deps.logger),
        emailTransport: deps.emailTransport,
        hooks: { smsPhoneOf: smsPhoneLookup(commerce.peers) },
      });
      const stopReconciler = startReconciler(commerce, {
        intervalMs: settings.ORDERS_RECONCILE_INTERVAL_MS,
        batch: settings.ORDERS_RECONCILE_BATCH,
        logger: deps.logger.child({ job: 'reconciler' }),
        metrics: new ReconcileMetrics(metrics.registry),
      });
      return async () => {
        await stopReconciler();
        await stopNotifications();
      };
    },
  };
}
