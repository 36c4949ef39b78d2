import { parseEnvOrExit, z } from '@shopgraph/config';
import { notificationsEnv } from '@shopgraph/notifications';
import { serviceEnvSchema } from '@shopgraph/server';

/** Longer than a payment with all its retries takes; every 15 s a pass; 50 orders a pass. */
export const ORDERS_DEFAULTS = { ORDERS_PAYMENT_LEASE_SECONDS: 30, ORDERS_RECONCILE_INTERVAL_MS: 15_000, ORDERS_RECONCILE_BATCH: 50 } as const;

/** The orders subgraph's own settings, on top of every subgraph's (docs/checkout.md, "When a checkout is interrupted"). */
const ordersEnv = z.object({
  /** How long one request may run a PENDING order's payment before the reconciler may take it over. */
  ORDERS_PAYMENT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(ORDERS_DEFAULTS.ORDERS_PAYMENT_LEASE_SECONDS),
  /** How often the reconciler looks for orders stuck in PENDING; 0 turns it off. */
  ORDERS_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(ORDERS_DEFAULTS.ORDERS_RECONCILE_INTERVAL_MS),
  /** Stuck orders one pass ends at most; the rest wait for the next pass. */
  ORDERS_RECONCILE_BATCH: z.coerce.number().int().min(1).max(1_000).default(ORDERS_DEFAULTS.ORDERS_RECONCILE_BATCH),
  /** SMTP_URL, SMTP_FROM and the retry settings (docs/notifications.md); defaults in @shopgraph/notifications. */
  ...notificationsEnv,
});

export type OrdersEnv = z.infer<typeof ordersEnv>;

/** Read once at start; a bad value stops the process naming the variable. */
export function parseOrdersEnv(env: NodeJS.ProcessEnv = process.env): OrdersEnv {
  return parseEnvOrExit(ordersEnv, env);
}

/** The orders process's whole environment: every subgraph's variables and its own. */
export const ordersEnvSchema = serviceEnvSchema('orders').extend(ordersEnv.shape);
