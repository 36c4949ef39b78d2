import { demoId } from './deterministic';

export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: 'CUSTOMER' | 'ADMIN';
}

const NAMES = [
  'Ada Admin',
  'Casey Customer',
  'Noor Haddad',
  'Mateo Silva',
  'Yuki Tanaka',
  'Amara Okafor',
  'Lars Nilsson',
  'Priya Raman',
  'Jonas Weber',
  'Sofia Rossi',
  'Kwame Mensah',
  'Elena Petrova',
  'Diego Alvarez',
  'Mei Chen',
  'Omar Farouk',
  'Hannah Becker',
  'Tomás Ruiz',
  'Aisha Bello',
  'Liam Byrne',
  'Zara Khan',
];

/** Every demo account's password (documented in the README; demo data only). */
export const DEMO_PASSWORD = 'shopgraph-demo';

export const DEMO_ADMIN_EMAIL = 'admin@shopgraph.dev';
export const DEMO_CUSTOMER_EMAIL = 'customer@shopgraph.dev';

export const demoUsers: readonly DemoUser[] = NAMES.map((name, index) => {
  const email =
    index === 0
      ? DEMO_ADMIN_EMAIL
      : index === 1
        ? DEMO_CUSTOMER_EMAIL
        : `${name
            .split(' ')[0]!
            .toLowerCase()
            .normalize('NFD')
            .replace(/[^a-z]/g, '')}@example.com`;
  return { id: demoId('user', email), email, name, role: index === 0 ? 'ADMIN' : 'CUSTOMER' };
});
