import { desc, inArray } from 'drizzle-orm';
import type { UsersDb } from '../database';
import { users, type UserRow } from '../schema';

export function findUsersByIds(db: UsersDb, ids: readonly string[]): Promise<UserRow[]> {
  return db.select().from(users).where(inArray(users.id, [...ids]));
}

export function listUsers(db: UsersDb, limit: number): Promise<UserRow[]> {
  return db.select().from(users).orderBy(desc(users.createdAt), desc(users.id)).limit(limit);
}
