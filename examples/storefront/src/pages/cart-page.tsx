import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { setLocalQuantity, useLocalCart } from '../cart';
import { errorMessage, money } from '../format';
import { CartQuery, RemoveFromCartMutation, SetQuantityMutation } from '../operations';
import { useSession } from '../use-session';

interface Line {
  productId: string;
  slug: string;
  name: string;
  quantity: number;
  unitPrice: { amount: number; currency: string };
  problems: readonly string[];
}

/** The server cart (priced now, with problems per line) when signed in; the local picks otherwise. */
export function CartPage() {
  const session = useSession();
  const local = useLocalCart();
  const client = useApolloClient();
  const { data, error } = useQuery(CartQuery, { skip: !session, fetchPolicy: 'cache-and-network' });
  const [failure, setFailure] = useState<string>();
  const lines: Line[] = session
    ? (data?.cart.lines ?? []).map((line) => ({
        productId: line.product.id,
        slug: line.product.slug,
        name: line.productName,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        problems: line.problems,
      }))
    : local.map((line) => ({ ...line, problems: [] }));
  const setQuantity = async (productId: string, quantity: number) => {
    setFailure(undefined);
    if (!session) return setLocalQuantity(productId, quantity);
    try {
      if (quantity > 0) await client.mutate({ mutation: SetQuantityMutation, variables: { productId, quantity }, refetchQueries: [CartQuery] });
      else await client.mutate({ mutation: RemoveFromCartMutation, variables: { productId }, refetchQueries: [CartQuery] });
    } catch (caught) {
      setFailure(errorMessage(caught));
    }
  };
  const currency = lines[0]?.unitPrice.currency ?? 'USD';
  const subtotal = session && data ? data.cart.subtotal : { amount: lines.reduce((sum, line) => sum + line.unitPrice.amount * line.quantity, 0), currency };

  return (
    <section className="panel">
      <h1>Your cart</h1>
      {error && <p className="error">{errorMessage(error)}</p>}
      {failure && <p className="error">{failure}</p>}
      {lines.length === 0 ? (
        <p className="muted">
          Empty. <a href="#/">Find something</a>.
        </p>
      ) : (
        <>
          <table className="lines" data-testid="cart-lines">
            <tbody>
              {lines.map((line) => (
                <tr key={line.productId}>
                  <td>
                    <a href={`#/product/${line.slug}`}>{line.name}</a>
                    {line.problems.map((problem) => (
                      <span key={problem} className="problem">
                        {problem.replace(/_/g, ' ').toLowerCase()}
                      </span>
                    ))}
                  </td>
                  <td>
                    <input
                      aria-label={`Quantity of ${line.name}`}
                      type="number"
                      min={0}
                      max={99}
                      value={line.quantity}
                      onChange={(event) => void setQuantity(line.productId, Number(event.target.value))}
                    />
                  </td>
                  <td>{money(line.unitPrice)}</td>
                  <td>
                    <button className="link" onClick={() => void setQuantity(line.productId, 0)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="total">Subtotal: {money(subtotal)}</p>
          {session ? (
            <a className="button" href="#/checkout" aria-disabled={data ? !data.cart.readyForCheckout : true}>
              Check out
            </a>
          ) : (
            <a className="button" href="#/login?next=%2Fcheckout">
              Sign in to check out
            </a>
          )}
        </>
      )}
    </section>
  );
}
