import { daysBefore, demoUsers } from '@shopgraph/demo-data';
import type { UsersDb } from './database';
import { users } from './schema';

/** Loads the demo users; existing rows are left alone, so it runs at every start. */
export async function seedUsers(db: UsersDb): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = demoUsers.map((user, index) => ({ ...user, createdAt: daysBefore(500 - index) }));
    await tx.insert(users).values(rows).onConflictDoNothing();
  });
}
