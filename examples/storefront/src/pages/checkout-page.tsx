import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import type { ShopCheckoutMutation } from '../__generated__/graphql';
import { errorMessage, money } from '../format';
import { AddAddressMutation, CartQuery, CheckoutMutation, MeQuery } from '../operations';
import { navigate } from '../router';
import { useSession } from '../use-session';

type Outcome = ShopCheckoutMutation['checkout'];
const EMPTY_ADDRESS = { recipient: '', line1: '', city: '', postalCode: '', country: 'US' };

/** Ship-to address (added here when the shopper has none), a card, and one idempotency key per attempt. */
export function CheckoutPage() {
  const session = useSession();
  const client = useApolloClient();
  const me = useQuery(MeQuery, { skip: !session, fetchPolicy: 'cache-and-network' });
  const cart = useQuery(CartQuery, { skip: !session, fetchPolicy: 'cache-and-network' });
  const [chosen, setChosen] = useState<string>();
  const [address, setAddress] = useState(EMPTY_ADDRESS);
  const [adding, setAdding] = useState(false);
  const [card, setCard] = useState('');
  // One key per purchase: a retry of the same attempt reuses it, a new attempt after a decline gets a new one.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [outcome, setOutcome] = useState<Outcome>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  if (!session) {
    return (
      <p className="panel">
        <a href="#/login?next=%2Fcheckout">Sign in</a> to check out.
      </p>
    );
  }
  const addresses = me.data?.me?.addresses ?? [];
  const addressId = chosen ?? addresses.find((candidate) => candidate.isDefault)?.id ?? addresses[0]?.id;
  const needsAddress = me.data !== undefined && (addresses.length === 0 || adding);

  const saveAddress = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    try {
      const saved = await client.mutate({ mutation: AddAddressMutation, variables: { input: address }, refetchQueries: [MeQuery], awaitRefetchQueries: true });
      setChosen(saved.data?.addAddress.id);
      setAdding(false);
      setAddress(EMPTY_ADDRESS);
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };

  const placeOrder = async (event: FormEvent) => {
    event.preventDefault();
    if (!addressId) return;
    setBusy(true);
    setFailure(undefined);
    setOutcome(undefined);
    try {
      const result = await client.mutate({ mutation: CheckoutMutation, variables: { input: { addressId, cardNumber: card }, idempotencyKey } });
      const checkout = result.data?.checkout;
      if (checkout?.__typename === 'OrderPlaced') {
        await client.refetchQueries({ include: [CartQuery] });
        navigate(`/orders/${checkout.order.id}`);
        return;
      }
      // Nothing was bought: the next attempt is a new purchase.
      if (checkout?.__typename === 'PaymentFailed') setIdempotencyKey(crypto.randomUUID());
      setOutcome(checkout);
      await client.refetchQueries({ include: [CartQuery] });
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof typeof EMPTY_ADDRESS, label: string) => (
    <label>
      {label}
      <input value={address[name]} onChange={(event) => setAddress({ ...address, [name]: event.target.value })} required />
    </label>
  );

  return (
    <section className="panel checkout">
      <h1>Checkout</h1>
      {cart.data && (
        <p data-testid="checkout-summary">
          {cart.data.cart.itemCount} items · {money(cart.data.cart.subtotal)}
          {!cart.data.cart.readyForCheckout && cart.data.cart.itemCount > 0 && <span className="problem">some lines need attention in your cart</span>}
        </p>
      )}
      <h2>Ship to</h2>
      {needsAddress ? (
        <form onSubmit={saveAddress} className="address-form" data-testid="address-form">
          {field('recipient', 'Recipient')}
          {field('line1', 'Street')}
          {field('city', 'City')}
          {field('postalCode', 'Postal code')}
          {field('country', 'Country (2 letters)')}
          <button type="submit">Save address</button>
        </form>
      ) : (
        <div data-testid="address-choice">
          {addresses.map((candidate) => (
            <label key={candidate.id} className="choice">
              <input type="radio" name="address" checked={candidate.id === addressId} onChange={() => setChosen(candidate.id)} />
              {candidate.recipient}, {candidate.line1}, {candidate.postalCode} {candidate.city}, {candidate.country}
            </label>
          ))}
          <button className="link" onClick={() => setAdding(true)}>
            Ship somewhere else
          </button>
        </div>
      )}
      <h2>Pay</h2>
      <form onSubmit={placeOrder}>
        <label>
          Card number
          <input
            aria-label="Card number"
            inputMode="numeric"
            autoComplete="cc-number"
            value={card}
            onChange={(event) => setCard(event.target.value)}
            required
            placeholder="4242 4242 4242 4242"
          />
        </label>
        <p className="muted">
          Test cards: <code>4242 4242 4242 4242</code> pays, <code>4000 0000 0000 0002</code> is declined.
        </p>
        <button type="submit" disabled={busy || !addressId || needsAddress || !cart.data?.cart.itemCount}>
          {busy ? 'Paying…' : 'Place order'}
        </button>
      </form>
      {failure && <p className="error">{failure}</p>}
      {outcome?.__typename === 'PaymentFailed' && (
        <div className="error" data-testid="payment-failed">
          Payment failed: {outcome.reason}. Your cart is kept; try another card. (<a href={`#/orders/${outcome.order.id}`}>order {outcome.order.status}</a>)
        </div>
      )}
      {outcome?.__typename === 'CheckoutOutOfStock' && (
        <p className="error">Out of stock now: {outcome.products.map((product) => product.name).join(', ')}. Change your cart.</p>
      )}
      {outcome?.__typename === 'PriceChanged' && (
        <div className="error">
          Prices changed since you added:
          <ul>
            {outcome.lines.map((line) => (
              <li key={line.product.id}>
                {line.product.name}: {money(line.previous)} → {money(line.current)}
              </li>
            ))}
          </ul>
          Place the order again to buy at the new prices.
        </div>
      )}
    </section>
  );
}
