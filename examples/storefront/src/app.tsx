import { useMutation } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useCartCount } from './cart';
import { LogoutMutation } from './operations';
import { AdminPage } from './admin/admin-page';
import { CartPage } from './pages/cart-page';
import { CatalogPage } from './pages/catalog-page';
import { CheckoutPage } from './pages/checkout-page';
import { LoginPage } from './pages/login-page';
import { OrderPage } from './pages/order-page';
import { OrdersPage } from './pages/orders-page';
import { ProductPage } from './pages/product-page';
import { match, navigate, useRoute, type Route } from './router';
import { getSession, setSession } from './session';
import { useSession } from './use-session';

function page(route: Route): ReactNode {
  const { path, params } = route;
  let found: Record<string, string> | null;
  if ((found = match('/product/:slug', path))) return <ProductPage key={found.slug} slug={found.slug!} />;
  if ((found = match('/orders/:id', path))) return <OrderPage key={found.id} orderId={found.id!} />;
  if (path === '/orders') return <OrdersPage />;
  if (path === '/admin' || path.startsWith('/admin/')) return <AdminPage path={path} />;
  if (path === '/cart') return <CartPage />;
  if (path === '/checkout') return <CheckoutPage />;
  if (path === '/login') return <LoginPage next={params.get('next') ?? '/'} />;
  return <CatalogPage params={params} />;
}

export function App() {
  const route = useRoute();
  const session = useSession();
  const count = useCartCount();
  const [logout] = useMutation(LogoutMutation);
  const signOut = async () => {
    const refreshToken = getSession()?.refreshToken;
    setSession(null);
    if (refreshToken) await logout({ variables: { refreshToken } }).catch(() => undefined);
    navigate('/');
  };
  return (
    <div className="shell">
      <header className="top">
        <a className="brand" href="#/">
          Shopgraph
        </a>
        <nav>
          <a href="#/">Shop</a>
          <a href="#/cart" data-testid="cart-link">
            Cart{' '}
            <span className="badge" data-testid="cart-count">
              {count}
            </span>
          </a>
          {session ? (
            <>
              <a href="#/orders">Orders</a>
              {session.user.role === 'ADMIN' && <a href="#/admin/orders">Back office</a>}
              <span className="who" data-testid="signed-in-as">
                {session.user.name}
              </span>
              <button className="link" onClick={signOut}>
                Sign out
              </button>
            </>
          ) : (
            <a href={`#/login?next=${encodeURIComponent(route.path)}`}>Sign in</a>
          )}
        </nav>
      </header>
      <main>{page(route)}</main>
      <footer>
        One graph, five subgraphs. Explore it in <a href="http://localhost:4000/graphql">Apollo Sandbox</a>.
      </footer>
    </div>
  );
}
