import type { CartStore } from './cart/cart-store';
import type { OrdersDb } from './db/database';
import type { Payments } from './payments/payments';
import type { PeerClient } from './peers/peer-client';

/** What the cart, checkout and order lifecycle work with; made once per process. */
export interface Commerce {
  db: OrdersDb;
  peers: PeerClient;
  carts: CartStore;
  payments: Payments;
  /** How long one request may run an order's payment (ORDERS_PAYMENT_LEASE_SECONDS); past it the reconciler may take over. */
  paymentLeaseSeconds: number;
}
