import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { UsersDb, UsersExecutor } from '../database';
import { addresses, type AddressRow } from '../schema';

export type AddressFields = Pick<AddressRow, 'recipient' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country'>;

/** Each user's addresses, the default first, then oldest first. */
export function findAddressesByUserIds(db: UsersDb, userIds: readonly string[]): Promise<AddressRow[]> {
  return db
    .select()
    .from(addresses)
    .where(inArray(addresses.userId, [...userIds]))
    .orderBy(desc(addresses.isDefault), asc(addresses.createdAt), asc(addresses.id));
}

/** A user's address; null when it does not exist or belongs to someone else. */
export async function lockOwnAddress(tx: UsersExecutor, userId: string, id: string): Promise<AddressRow | null> {
  const [row] = await tx
    .select()
    .from(addresses)
    .where(and(eq(addresses.id, id), eq(addresses.userId, userId)))
    .for('update')
    .limit(1);
  return row ?? null;
}

export async function countAddresses(tx: UsersExecutor, userId: string): Promise<number> {
  return (await tx.select({ id: addresses.id }).from(addresses).where(eq(addresses.userId, userId)).for('update')).length;
}

export async function insertAddress(tx: UsersExecutor, userId: string, fields: AddressFields, isDefault: boolean): Promise<AddressRow> {
  const [row] = await tx
    .insert(addresses)
    .values({ ...fields, userId, isDefault })
    .returning();
  return row!;
}

export async function updateAddressFields(tx: UsersExecutor, id: string, fields: AddressFields): Promise<AddressRow> {
  const [row] = await tx.update(addresses).set(fields).where(eq(addresses.id, id)).returning();
  return row!;
}

/** Makes one address the user's default: the old default is cleared first, in the same transaction. */
export async function makeDefault(tx: UsersExecutor, userId: string, id: string): Promise<AddressRow> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), ne(addresses.id, id), eq(addresses.isDefault, true)));
  const [row] = await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, id)).returning();
  return row!;
}

export async function deleteAddressRow(tx: UsersExecutor, id: string): Promise<void> {
  await tx.delete(addresses).where(eq(addresses.id, id));
}

export async function findNewestAddress(tx: UsersExecutor, userId: string): Promise<AddressRow | null> {
  const [row] = await tx.select().from(addresses).where(eq(addresses.userId, userId)).orderBy(desc(addresses.createdAt), desc(addresses.id)).limit(1);
  return row ?? null;
}
