import type { ReactNode } from 'react';
import { useSession } from '../use-session';
import { CategoriesAdmin } from './categories-admin';
import { DashboardAdmin } from './dashboard-admin';
import { OrdersAdmin } from './orders-admin';
import { ProductsAdmin } from './products-admin';
import { ReviewsAdmin } from './reviews-admin';
import { UsersAdmin } from './users-admin';

const SECTIONS = [
  { path: '/admin/dashboard', label: 'Dashboard' },
  { path: '/admin/orders', label: 'Orders' },
  { path: '/admin/reviews', label: 'Reviews' },
  { path: '/admin/products', label: 'Products' },
  { path: '/admin/categories', label: 'Categories' },
  { path: '/admin/users', label: 'Users' },
] as const;

function section(path: string): ReactNode {
  if (path === '/admin/dashboard') return <DashboardAdmin />;
  if (path === '/admin/reviews') return <ReviewsAdmin />;
  if (path === '/admin/products') return <ProductsAdmin />;
  if (path === '/admin/categories') return <CategoriesAdmin />;
  if (path === '/admin/users') return <UsersAdmin />;
  return <OrdersAdmin />;
}

/**
 * The back office: what a shop owner runs the shop with. The gateway decides who may do what
 * (every operation here needs the ADMIN role); the page only hides itself from others.
 */
export function AdminPage({ path }: { path: string }) {
  const session = useSession();
  if (!session)
    return (
      <p className="panel">
        <a href={`#/login?next=${encodeURIComponent(path)}`}>Sign in</a> as an admin to run the shop.
      </p>
    );
  if (session.user.role !== 'ADMIN') return <p className="panel error">The back office is for admins.</p>;
  const current = SECTIONS.find((candidate) => candidate.path === path)?.path ?? '/admin/orders';
  return (
    <section className="panel admin">
      <nav className="tabs" aria-label="Back office">
        {SECTIONS.map((candidate) => (
          <a key={candidate.path} href={`#${candidate.path}`} className={candidate.path === current ? 'active' : undefined}>
            {candidate.label}
          </a>
        ))}
      </nav>
      {section(current)}
    </section>
  );
}
