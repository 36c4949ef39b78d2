import { desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { UsersDb, UsersExecutor } from '../database';
import { users, type UserRow } from '../schema';

export function findUsersByIds(db: UsersDb, ids: readonly string[]): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

export async function findUserByEmail(db: UsersDb, email: string): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row ?? null;
}

/** Newest first; `search` matches a part of the name or email, case-insensitively. */
export function listUsers(db: UsersDb, limit: number, search?: string): Promise<UserRow[]> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return db
    .select()
    .from(users)
    .where(pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(limit);
}

export async function insertUser(db: UsersDb, user: { email: string; name: string; passwordHash: string }): Promise<UserRow> {
  const [row] = await db.insert(users).values(user).returning();
  return row!;
}

export async function updateUser(
  db: UsersExecutor,
  id: string,
  changes: Partial<Pick<UserRow, 'email' | 'name' | 'role' | 'passwordHash' | 'smsPhone'>>,
): Promise<UserRow | null> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row ?? null;
}
