import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoProducts, demoStock } from '@shopgraph/demo-data';
import { graphqlRequest, type GraphQLResponse } from '@shopgraph/testing';

const ADDRESS = { recipient: 'Pat Parcel', line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' };
const PRODUCT = demoProducts.find((candidate) => demoStock.some((row) => row.productId === candidate.id && row.onHand >= 50))!;

export interface Shopper {
  email: string;
  headers: Record<string, string>;
  addressId: string;
}

export interface MailboxEmail {
  kind: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  deadLetteredAt: string | null;
  order: { id: string } | null;
}

export const errorCode = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code;

/** What the notification tests do as clients of the gateway: sign in, register, buy, read the mailbox. */
export function shopClient(gatewayUrl: () => string) {
  const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    graphqlRequest(gatewayUrl(), query, variables, headers);
  return {
    gql,
    async signInAdmin(): Promise<Record<string, string>> {
      const login = await gql('mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }', {
        e: 'admin@shopgraph.dev',
        p: DEMO_PASSWORD,
      });
      return { authorization: `Bearer ${login.data!.login.accessToken}` };
    },
    /** A new account (its address starts with `prefix`, which the test SMTP server may answer by) with an address. */
    async register(prefix: string): Promise<Shopper> {
      const email = `${prefix}-${randomUUID()}@example.com`;
      const registered = await gql('mutation ($i: RegisterInput!) { register(input: $i) { accessToken } }', {
        i: { email, password: 'a-long-enough-password', name: 'Pat <Parcel>' },
      });
      const headers = { authorization: `Bearer ${registered.data!.register.accessToken}` };
      const address = await gql('mutation ($i: AddressInput!) { addAddress(input: $i) { id } }', { i: ADDRESS }, headers);
      return { email, headers, addressId: address.data!.addAddress.id as string };
    },
    /** Puts one unit in the cart and checks out; the order's id, paid or not. */
    async buy(shopper: Shopper, card = '4242 4242 4242 4242'): Promise<string> {
      await gql('mutation ($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: PRODUCT.id }, shopper.headers);
      const placed = await gql(
        `mutation ($a: ID!, $c: String!, $k: String!) { checkout(input: { addressId: $a, cardNumber: $c }, idempotencyKey: $k) {
          ... on OrderPlaced { order { id } } ... on PaymentFailed { order { id } } } }`,
        { a: shopper.addressId, c: card, k: randomUUID() },
        shopper.headers,
      );
      return placed.data!.checkout.order.id as string;
    },
    async mailbox(headers: Record<string, string>): Promise<MailboxEmail[]> {
      const response = await gql('{ devMailbox(first: 50) { kind sentAt attempts lastError deadLetteredAt order { id } } }', {}, headers);
      return response.data!.devMailbox as MailboxEmail[];
    },
  };
}

/** Reads until `done` holds: the state an SMTP answer leads to is written right after the server gave it. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
