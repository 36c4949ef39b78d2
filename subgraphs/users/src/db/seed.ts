import { daysBefore, DEMO_PASSWORD, demoUsers } from '@shopgraph/demo-data';
import { hashPassword } from '../auth/passwords';
import type { UsersDb } from './database';
import { inArray, sql } from 'drizzle-orm';
import { users } from './schema';

/** Loads the demo users; existing rows are left alone, so it runs at every start. */
export async function seedUsers(db: UsersDb): Promise<void> {
  // argon2 is slow on purpose: hash once for all demo accounts, and only when they are missing.
  const [{ count } = { count: 0 }] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(users)
    .where(
      inArray(
        users.id,
        demoUsers.map((user) => user.id),
      ),
    );
  if (count === demoUsers.length) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const rows = demoUsers.map((user, index) => ({ ...user, passwordHash, createdAt: daysBefore(500 - index) }));
    await tx.insert(users).values(rows).onConflictDoNothing();
  });
}
